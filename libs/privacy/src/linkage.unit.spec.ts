import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { linkageKey, normaliseBirthDate, normaliseIdentity, parseLinkageSecret, type IdentityInput } from './linkage';
import { PrivacyError } from './privacy-error';

const secret = randomBytes(32);
const key = (familyName: string, givenNames: string, birthDate = '1994-03-02') => linkageKey(secret, { familyName, givenNames, birthDate });
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof PrivacyError ? error.code : 'not a PrivacyError';
  }
  return undefined;
};

// Plain lowercase name tokens, and ways to write each of them that must not change the key.
const plainToken = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 1, maxLength: 10 });
const plainTokens = fc.array(plainToken, { minLength: 1, maxLength: 5 });
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const separator = fc.constantFrom(' ', '  ', '\t', ', ', ' - ', '-', '.', '. ', ' / ', '; ', ' (', ') ');
const marks = ['\u0301', '\u0300', '\u0302', '\u0308', '\u0327', '\u0303', '\u030C'];

const asIdentity = (tokens: string[], split: number, date: string): IdentityInput => ({
  familyName: tokens.slice(0, split).join(' '),
  givenNames: tokens.slice(split).join(' '),
  birthDate: date,
});
const keyOf = (tokens: string[], date: string, split = 1) => linkageKey(secret, asIdentity(tokens, split, date));

describe('linkage key', () => {
  describe('links the same woman however her name was written', () => {
    it('ignores case', () => {
      fc.assert(
        fc.property(
          plainTokens,
          birthDate,
          fc.array(fc.constantFrom('upper', 'lower', 'title'), { minLength: 5, maxLength: 5 }),
          (tokens, date, cases) => {
            const recased = tokens.map((token, i) =>
              cases[i] === 'upper' ? token.toUpperCase() : cases[i] === 'title' ? token.charAt(0).toUpperCase() + token.slice(1) : token,
            );
            expect(keyOf(recased, date)).toBe(keyOf(tokens, date));
          },
        ),
      );
    });

    it('ignores accents, whether precomposed or combining', () => {
      fc.assert(
        fc.property(
          plainTokens,
          birthDate,
          fc.array(fc.nat({ max: marks.length }), { maxLength: 60 }),
          fc.boolean(),
          (tokens, date, choices, compose) => {
            let at = 0;
            const accented = tokens.map((token) =>
              token
                .split('')
                .map((letter) => letter + (marks[choices[at++] ?? marks.length] ?? ''))
                .join('')
                .normalize(compose ? 'NFC' : 'NFD'),
            );
            expect(keyOf(accented, date)).toBe(keyOf(tokens, date));
          },
        ),
      );
    });

    it('ignores punctuation and extra whitespace between and around names', () => {
      fc.assert(
        fc.property(plainTokens, birthDate, fc.array(separator, { minLength: 6, maxLength: 6 }), (tokens, date, separators) => {
          const written = (separators[0] ?? '') + tokens.map((token, i) => token + (separators[i + 1] ?? ' ')).join('');
          expect(linkageKey(secret, { familyName: written, givenNames: '', birthDate: date })).toBe(keyOf(tokens, date, tokens.length));
        }),
      );
    });

    it('ignores name order and which part was called family or given', () => {
      const reordered = plainTokens.chain((tokens) =>
        fc.tuple(fc.constant(tokens), fc.shuffledSubarray(tokens, { minLength: tokens.length, maxLength: tokens.length })),
      );
      fc.assert(
        fc.property(reordered, birthDate, fc.nat(), ([tokens, shuffled], date, split) => {
          expect(keyOf(shuffled, date, split % (tokens.length + 1))).toBe(keyOf(tokens, date));
        }),
      );
    });

    it.each([
      ['DIALLO', 'Fatoumata  '],
      ['diallo fatoumata', ''],
      ['Diallo, Fatoumata', ''],
      ['Fatoumata', 'Diallo'],
      ['  Fatoumata  DIALLO ', ''],
      ['', 'diallo fatoumata'],
    ])('links %j / %j to Fatoumata Diallo', (familyName, givenNames) => {
      expect(key(familyName, givenNames)).toBe(key('Diallo', 'Fatoumata'));
    });

    it.each([
      [
        ['Aïcha', 'Koné'],
        ['AICHA', 'kone'],
      ],
      [
        ["N'Diaye", 'Awa'],
        ['Ndiaye', 'Awa'],
      ],
      [
        ['Ndiaye', 'Marie-Claire'],
        ['ndiaye', 'Marie Claire'],
      ],
      [
        ['Weiß', 'Æsa'],
        ['WEISS', 'aesa'],
      ],
      [
        ['Øyelaran', 'Łucja'],
        ['oyelaran', 'lucja'],
      ],
    ])('links %j to %j', ([familyA, givenA], [familyB, givenB]) => {
      expect(key(familyA ?? '', givenA ?? '')).toBe(key(familyB ?? '', givenB ?? ''));
    });

    it('accepts the birth date with single-digit month and day, as an ISO timestamp or as a Date', () => {
      expect(key('Diallo', 'Awa', '1994-3-2')).toBe(key('Diallo', 'Awa', '1994-03-02'));
      expect(key('Diallo', 'Awa', '1994-03-02T00:00:00Z')).toBe(key('Diallo', 'Awa'));
      expect(linkageKey(secret, { familyName: 'Diallo', givenNames: ['Awa'], birthDate: new Date(Date.UTC(1994, 2, 2)) })).toBe(
        key('Diallo', 'Awa'),
      );
    });
  });

  describe('keeps different women apart', () => {
    it('never links different birth dates', () => {
      fc.assert(
        fc.property(plainTokens, birthDate, birthDate, (tokens, a, b) => {
          fc.pre(a !== b);
          expect(keyOf(tokens, a)).not.toBe(keyOf(tokens, b));
        }),
      );
    });

    it('does not link different names, nor a name with an extra token', () => {
      expect(key('Diallo', 'Awa')).not.toBe(key('Diallo', 'Aminata'));
      expect(key('Diallo', 'Awa')).not.toBe(key('Diallo', 'Awa Traoré'));
    });

    it('depends on the linkage secret', () => {
      const identity = { familyName: 'Diallo', givenNames: 'Awa', birthDate: '1994-03-02' };
      expect(linkageKey(randomBytes(32), identity)).not.toBe(linkageKey(secret, identity));
    });
  });

  it('reveals no input: 64 hex characters containing no name token or birth date', () => {
    fc.assert(
      fc.property(plainTokens, birthDate, (tokens, date) => {
        const output = keyOf(tokens, date);
        expect(output).toMatch(/^[0-9a-f]{64}$/);
        for (const token of tokens.filter((t) => t.length >= 5)) expect(output).not.toContain(token);
        expect(output).not.toContain(date.replace(/-/g, ''));
      }),
    );
  });

  it('normalises to sorted tokens and YYYY-MM-DD', () => {
    expect(normaliseIdentity({ familyName: 'Diallo, ', givenNames: ' Fatoumata  Aïcha', birthDate: '1994-3-2' })).toEqual({
      nameTokens: ['aicha', 'diallo', 'fatoumata'],
      birthDate: '1994-03-02',
    });
  });

  it.each(['1994-02-30', '1994-13-01', '02/03/1994', '94-03-02', 'yesterday', '', '0994-03-02', '1994-03-02junk'])(
    'rejects the birth date %j with PRIVACY.INVALID_BIRTH_DATE',
    (date) => {
      expect(codeOf(() => key('Diallo', 'Awa', date))).toBe('PRIVACY.INVALID_BIRTH_DATE');
    },
  );

  it('rejects an invalid Date and accepts 29 February of a leap year', () => {
    expect(codeOf(() => normaliseBirthDate(new Date('nope')))).toBe('PRIVACY.INVALID_BIRTH_DATE');
    expect(normaliseBirthDate('2000-02-29')).toBe('2000-02-29');
    expect(codeOf(() => normaliseBirthDate('1900-02-29'))).toBe('PRIVACY.INVALID_BIRTH_DATE');
  });

  it('refuses names with no letter, which would link everyone born that day', () => {
    expect(codeOf(() => key(' , ', '-'))).toBe('PRIVACY.EMPTY_NAME');
  });
});

describe('parseLinkageSecret', () => {
  it('accepts 32 bytes in base64 or base64url', () => {
    const bytes = randomBytes(32);
    expect(parseLinkageSecret(bytes.toString('base64'))).toEqual(bytes);
    expect(parseLinkageSecret(`${bytes.toString('base64url')}\n`)).toEqual(bytes);
  });

  it.each([undefined, '', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${'A'.repeat(42)}!=`])(
    'rejects %j with a message that names the variable and not the value',
    (value) => {
      let error: unknown;
      try {
        parseLinkageSecret(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PrivacyError);
      expect((error as PrivacyError).code).toBe('PRIVACY.INVALID_LINKAGE_KEY');
      expect((error as PrivacyError).message).toContain('PASSERELLE_LINKAGE_KEY');
      if (value) expect((error as PrivacyError).message).not.toContain(value);
    },
  );
});
