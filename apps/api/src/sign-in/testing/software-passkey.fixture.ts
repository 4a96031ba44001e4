import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();
/** Authenticator data flags: user present (0x01) and user verified (0x04). */
const PRESENT_AND_VERIFIED = 0x05;

/**
 * A passkey held in software, so that a spec verifies a real signature rather than a mocked
 * verifier: an ES256 key pair whose public key is given as a COSE key (what AcceptInvitation stores
 * from a registration), and an authenticator that signs a challenge as a browser's would, user
 * present and verified, its signature counter moving on by one each time.
 */
export function softwarePasskey(relyingParty: { id: string; origin: string }) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x = '', y = '' } = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(16).toString('base64url');
  let counter = 0;
  return {
    credentialId,
    /** kty EC2, alg ES256, crv P-256, then the point. */
    publicKey: isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(x, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(y, 'base64url'))],
      ]),
    ),
    /** Her authenticator's answer to `challenge`; `counter` set repeats an earlier one (a cloned authenticator), `origin` another site's. */
    assert(challenge: string, options: { counter?: number; origin?: string } = {}): AuthenticationResponseJSON {
      counter = options.counter ?? counter + 1;
      const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: options.origin ?? relyingParty.origin }));
      const signCount = Buffer.alloc(4);
      signCount.writeUInt32BE(counter);
      const authenticatorData = Buffer.concat([sha256(relyingParty.id), Buffer.from([PRESENT_AND_VERIFIED]), signCount]);
      const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientData)]), privateKey);
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: clientData.toString('base64url'),
          authenticatorData: authenticatorData.toString('base64url'),
          signature: signature.toString('base64url'),
        },
      };
    },
  };
}
