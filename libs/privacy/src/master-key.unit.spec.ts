import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { defaultMasterKeyId, generateMasterKey, masterKeyFromEnv, parseMasterKey } from './master-key';
import { PrivacyError } from './privacy-error';

const failure = (run: () => unknown): PrivacyError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PrivacyError) return error;
    throw error;
  }
  throw new Error('expected a PrivacyError');
};

describe('PASSERELLE_MASTER_KEY', () => {
  const bytes = randomBytes(32);

  it('accepts base64 of 32 bytes and derives the key id from SHA-256 of the key', () => {
    const key = parseMasterKey(bytes.toString('base64'));
    expect(key.material()).toEqual(bytes);
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(key.id).toBe(defaultMasterKeyId(bytes));
    expect(parseMasterKey(`${bytes.toString('base64')}\n`).id).toBe(key.id);
  });

  it('accepts keyId:base64 so that rotation can tell keys apart', () => {
    const key = masterKeyFromEnv({ PASSERELLE_MASTER_KEY: `2026-11:${bytes.toString('base64')}` });
    expect(key.id).toBe('2026-11');
    expect(key.material()).toEqual(bytes);
  });

  it('round-trips a generated key through its encoded form', () => {
    const generated = generateMasterKey();
    const parsed = parseMasterKey(generated.encode());
    expect(parsed.id).toBe(generated.id);
    expect(parsed.material()).toEqual(generated.material());
    expect(generateMasterKey().material()).not.toEqual(generated.material());
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('base64')],
    ['not base64', `${'z'.repeat(42)}*=`],
    ['a bad key id', `bad id!:${randomBytes(32).toString('base64')}`],
    ['a good id and a bad key', `k1:${randomBytes(31).toString('base64')}`],
  ])('rejects a value that is %s, naming the variable and the expected shape but not the value', (_label, value) => {
    const error = failure(() => parseMasterKey(value));
    expect(error.code).toBe('PRIVACY.INVALID_MASTER_KEY');
    expect(error.message).toContain('PASSERELLE_MASTER_KEY');
    if (value) expect(error.message).not.toContain(value.slice(value.indexOf(':') + 1));
  });

  it('tells the operator how to make a key', () => {
    expect(failure(() => parseMasterKey('nope')).message).toContain(
      'PASSERELLE_MASTER_KEY must be 32 random bytes in base64 (e.g. openssl rand -base64 32)',
    );
  });

  it('never shows its bytes when logged or serialised', () => {
    const key = parseMasterKey(`k1:${bytes.toString('base64')}`);
    const secretForms = [bytes.toString('base64'), bytes.toString('hex')];
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what interpolating the key shows is the point
    for (const shown of [JSON.stringify({ key }), inspect({ key }, { depth: 5, showHidden: true }), `${key}`]) {
      expect(shown).toContain('k1');
      for (const secret of secretForms) expect(shown).not.toContain(secret);
    }
  });
});
