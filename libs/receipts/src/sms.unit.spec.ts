import { smsText } from './sms';

describe('SMS length', () => {
  it('fits 160 GSM-7 characters in one message and splits longer text in parts of 153', () => {
    expect(smsText('a'.repeat(160), true)).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsText('a'.repeat(161), true)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(smsText('a'.repeat(306), true)).toMatchObject({ segments: 2 });
    expect(smsText('a'.repeat(307), true)).toMatchObject({ segments: 3 });
  });

  it('counts a GSM-7 extension character such as € twice', () => {
    expect(smsText('€'.repeat(80), true)).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsText('€'.repeat(81), true)).toMatchObject({ segments: 2 });
  });

  it('falls back to UCS-2 for Arabic or Ethiopic script: 70 characters in one message, parts of 67', () => {
    expect(smsText('م'.repeat(70), false)).toMatchObject({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsText('ሰ'.repeat(71), false)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(smsText('ሰ'.repeat(134), false)).toMatchObject({ segments: 2 });
  });

  it('turns typographic quotes into GSM-7 ones for Latin text, so one curly apostrophe does not cost 90 characters', () => {
    expect(smsText('l’accord « oui »', true)).toMatchObject({ text: 'l\'accord " oui "', encoding: 'GSM-7' });
    expect(smsText('l’accord', false)).toMatchObject({ encoding: 'UCS-2' });
  });

  it('keeps the zero-width non-joiner that Dari words need', () => {
    expect(smsText('می‌توانند', false).text).toBe('می‌توانند');
  });
});
