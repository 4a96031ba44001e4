import fc from 'fast-check';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';

describe('inbox cursor', () => {
  it('gives back the position it was made from, for any position', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (position) => {
        expect(decodeInboxCursor(encodeInboxCursor(position))).toBe(position);
      }),
    );
  });

  it('accepts only the cursors it produces and rejects every other string with INBOX.BAD_CURSOR', () => {
    const candidates = fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_=-]{0,12}$/));
    fc.assert(
      fc.property(candidates, (cursor) => {
        let decoded: bigint;
        try {
          decoded = decodeInboxCursor(cursor);
        } catch (error) {
          expect(error).toMatchObject({ code: 'INBOX.BAD_CURSOR', kind: 'unprocessable' });
          return;
        }
        expect(encodeInboxCursor(decoded)).toBe(cursor);
      }),
    );
  });
});
