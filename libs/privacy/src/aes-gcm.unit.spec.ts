import { randomBytes } from 'node:crypto';
import { gcmOpen, gcmSeal } from './aes-gcm';

describe('AES-256-GCM boxes', () => {
  it('never reuse a nonce, across the blocks they are cut from, and every box opens to what was sealed', () => {
    const key = randomBytes(32);
    const aad = Buffer.from('v1|case|identity');
    // 1,000 seals span three 4 KiB blocks of nonces.
    const boxes = Array.from({ length: 1000 }, (_, i) => ({ i, box: gcmSeal(key, Buffer.from(`value ${i}`), aad) }));
    expect(new Set(boxes.map(({ box }) => box.iv.toString('hex'))).size).toBe(1000);
    expect(boxes.every(({ box }) => box.iv.length === 12)).toBe(true);
    expect(boxes.every(({ i, box }) => gcmOpen(key, box, aad)?.toString() === `value ${i}`)).toBe(true);
  });

  it('keep a nonce as it was when later seals draw new blocks', () => {
    const key = randomBytes(32);
    const aad = Buffer.from('aad');
    const first = gcmSeal(key, Buffer.from('first'), aad);
    const ivBefore = Buffer.from(first.iv);
    for (let i = 0; i < 800; i++) gcmSeal(key, Buffer.from('later'), aad);
    expect(first.iv.equals(ivBefore)).toBe(true);
    expect(gcmOpen(key, first, aad)?.toString()).toBe('first');
  });
});
