import { isCountryCode } from '@passerelle/geography';
import { toE164 } from '../shared/phone-number';
import { caseLanguageTag, isBirthDate, isLanguageTag } from './person.validators';

describe('what a caseworker would expect to be caught', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  describe('a birth date', () => {
    it.each(['1994-03-02', '1900-01-01', '2026-11-22', '2026-11-23'])('accepts %s (up to today anywhere on Earth)', (day) => {
      expect(isBirthDate(day, now)).toBe(true);
    });
    it.each([
      ['in the future', '2090-01-01'],
      ['before 1900', '1899-12-31'],
      ['that is not a day', '1994-02-30'],
      ['written another way', '02/03/1994'],
      ['with a time', '1994-03-02T00:00:00Z'],
    ])('refuses one %s', (_, day) => {
      expect(isBirthDate(day, now)).toBe(false);
    });
  });

  it('knows countries by their ISO 3166-1 alpha-2 code, in upper case', () => {
    expect(['CI', 'UA', 'AF', 'ER'].every(isCountryCode)).toBe(true);
    expect(['XX', 'ci', 'CIV', 'FRA', ''].some(isCountryCode)).toBe(false);
  });

  describe('a phone number', () => {
    it.each([
      ['06 12 34 56 78', '+33612345678'],
      ['06.12.34.56.78', '+33612345678'],
      ['+33 6 10 00 00 01', '+33610000001'],
      ['+225 07 01 02 03 04', '+2250701020304'],
      ['+44 7911 123456', '+447911123456'],
    ])('reads %s as %s (E.164)', (typed, e164) => {
      expect(toE164(typed)).toBe(e164);
    });
    it.each(['123', '+33 1', 'call me', '0'.repeat(50)])('leaves %s as typed, for the validator to refuse', (typed) => {
      expect(toE164(typed)).toBe(typed);
    });
  });

  describe('a language', () => {
    it.each(['fr', 'dyu', 'prs', 'ti', 'fr-CI', 'zh-Hant-TW', 'FR'])('accepts the BCP 47 tag %s', (tag) => {
      expect(isLanguageTag(tag)).toBe(true);
    });
    it.each(['x', '123', 'en_US', 'fr-', '', 'a'.repeat(36)])('refuses %s', (tag) => {
      expect(isLanguageTag(tag)).toBe(false);
    });
    it('writes a tag in its standard case, without replacing an alias', () => {
      expect(['FR', 'fr-ci', 'ZH-hant-tw', 'prs', 'en-x-Private'].map(caseLanguageTag)).toEqual([
        'fr',
        'fr-CI',
        'zh-Hant-TW',
        'prs',
        'en-x-private',
      ]);
    });
  });
});
