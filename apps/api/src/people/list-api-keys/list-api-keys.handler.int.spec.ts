import { organisationStream, type Actor, type ApiKeyRevoked } from '@passerelle/domain';
import { existingStream } from '@passerelle/testing';
import { ASSO, REFUGE, admin, answerOf, assoAdmin, refuge, refugeAdmin, refugeCaseworker } from '../../testing/use-case.fixtures';
import { administered, keyIssued, registered } from '../testing/people-events.fixture';
import { peopleTables } from '../testing/people-tables.fixture';
import { ListApiKeysHandler } from './list-api-keys.handler';
import { ListApiKeysQuery } from './list-api-keys.query';

const theRefuge = organisationStream(REFUGE);
const ISSUER = 'person:person-refuge-admin';
const EXPIRES_AT = '2027-11-22T10:00:00.000Z';

describe('list API keys', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  /** The refuge's keys as their issuance stored them, and their secrets (shown once). */
  const keys = { caseSystem: { keyId: 'key-case-system', secret: '' }, oldExport: { keyId: 'key-old-export', secret: '' } };
  const issued = [keyIssued(keys.caseSystem.keyId), keyIssued(keys.oldExport.keyId)];
  const revoked: ApiKeyRevoked = { type: 'ApiKeyRevoked', data: { organisationId: REFUGE, keyId: keys.oldExport.keyId } };
  const keysOf = (who: Actor, events = [...administered, ...issued, revoked]) =>
    answerOf([existingStream(theRefuge, events)], (store) =>
      new ListApiKeysHandler(store, tables.keys).execute(new ListApiKeysQuery(who, REFUGE)),
    );

  beforeAll(async () => {
    tables = await peopleTables('list_api_keys');
    for (const [label, key] of [
      ['case system', keys.caseSystem],
      ['old export', keys.oldExport],
    ] as const) {
      key.secret = await tables.keys.insert({
        keyId: key.keyId,
        organisationId: REFUGE,
        role: 'partner',
        label,
        createdBy: ISSUER,
        expiresAt: EXPIRES_AT,
      });
    }
    await tables.keys.revoke(REFUGE, keys.oldExport.keyId);
    await tables.keys.issue(ASSO, 'partner', 'another organisation’s key');
  });
  afterAll(() => tables.close());

  it('lists its org_admin the organisation’s keys, newest first, with issuer and expiry, a revoked one as revoked, never a secret', async () => {
    const listed = (id: string, label: string, revokedAt: unknown) => ({
      id,
      label,
      role: 'partner',
      createdBy: ISSUER,
      createdAt: expect.any(String) as string,
      lastUsedAt: null,
      expiresAt: EXPIRES_AT,
      revokedAt,
    });
    const answer = await keysOf(refugeAdmin);

    expect(answer).toEqual({
      items: [listed(keys.oldExport.keyId, 'old export', expect.any(String)), listed(keys.caseSystem.keyId, 'case system', null)],
    });
    for (const { secret } of Object.values(keys)) expect(JSON.stringify(answer)).not.toContain(secret);
  });

  it('lets the network admin list them while the organisation has no org_admin (onboarding), not once it has one', async () => {
    expect((await keysOf(admin, [registered, ...issued])).items.map((key) => key.id)).toEqual([
      keys.oldExport.keyId,
      keys.caseSystem.keyId,
    ]);
    await expect(keysOf(admin)).rejects.toMatchObject({ code: 'AUTH.ORGANISATION_HAS_ADMIN' });
  });

  it('refuses another organisation’s admin, and the organisation’s own caseworkers and keys', async () => {
    for (const who of [assoAdmin, refugeCaseworker, refuge]) {
      await expect(keysOf(who)).rejects.toMatchObject({ code: 'AUTH.ORG_ADMIN_ONLY' });
    }
  });
});
