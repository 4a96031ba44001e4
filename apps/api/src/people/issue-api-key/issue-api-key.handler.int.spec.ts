import { commandId, StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type MemberInvited, type MemberJoined, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { NOW, REFUGE, admin, asso, contextOf, organisationRegistered, refugeAdmin } from '../../testing/use-case.fixtures';
import { peopleTables } from '../testing/people-tables.fixture';
import { IssueApiKeyCommand, type IssueApiKeyData } from './issue-api-key.command';
import { DEFAULT_KEY_LIFETIME_MS, IssueApiKeyHandler } from './issue-api-key.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);
const registered = organisationRegistered(REFUGE, 'refuge', ['shelter']);
const adminInvited: MemberInvited = {
  type: 'MemberInvited',
  data: {
    organisationId: REFUGE,
    invitationId: 'inv-1',
    personId: 'person-refuge-admin',
    role: 'org_admin',
    expiresAt: '2027-01-01T00:00:00.000Z',
  },
};
const adminJoined: MemberJoined = {
  type: 'MemberJoined',
  data: { organisationId: REFUGE, invitationId: 'inv-1', personId: 'person-refuge-admin', method: 'passkey' },
};
const request = (data: Partial<IssueApiKeyData> = {}): IssueApiKeyData => ({
  organisationId: REFUGE,
  role: 'partner',
  label: 'case system',
  expiresAt: null,
  ...data,
});

describe('issue API key', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const handler = (store: EventStore) => new IssueApiKeyHandler(store, new StreamStateCache(), tables.keys);

  beforeAll(async () => {
    tables = await peopleTables('issue_api_key');
  });
  afterAll(() => tables.close());

  describe('while the organisation has no org_admin (onboarding)', () => {
    it('lets the network admin issue its first partner key, valid one year, recorded as an event without the secret', async () => {
      let secret = '';
      const keyId = commandId({ idSeed: 'seed-1' }, 'api-key');
      await given(existingStream(theRefuge, [registered]))
        .when(async (store) => {
          ({ key: secret } = await handler(store).execute(new IssueApiKeyCommand(request(), contextOf(admin, { idSeed: 'seed-1' }))));
        })
        .then(
          expectNewEvents(theRefuge, [
            {
              type: 'ApiKeyIssued',
              data: {
                organisationId: REFUGE,
                keyId,
                role: 'partner',
                expiresAt: new Date(NOW.getTime() + DEFAULT_KEY_LIFETIME_MS).toISOString(),
              },
              metadata: { actor: { organisationId: 'passerelle', role: 'network_admin', keyId: admin.keyId, personId: null } },
            },
          ]),
        );
      expect(await tables.keys.verify(secret)).toMatchObject({ keyId, organisationId: REFUGE, role: 'partner' });
      expect(JSON.stringify(await tables.keys.list(REFUGE))).not.toContain(secret);
    });
  });

  it('records and answers an expiry given with an offset as the same instant in UTC, as every other instant of the API', async () => {
    let answered = '';
    const keyId = commandId({ idSeed: 'seed-offset' }, 'api-key');
    await given(existingStream(theRefuge, [registered]))
      .when(async (store) => {
        const command = new IssueApiKeyCommand(
          request({ expiresAt: '2030-06-01T12:00:00+02:00' }),
          contextOf(admin, { idSeed: 'seed-offset' }),
        );
        ({ expiresAt: answered } = await handler(store).execute(command));
      })
      .then(
        expectNewEvents(theRefuge, [
          { type: 'ApiKeyIssued', data: { organisationId: REFUGE, keyId, role: 'partner', expiresAt: '2030-06-01T10:00:00.000Z' } },
        ]),
      );
    expect(answered).toBe('2030-06-01T10:00:00.000Z');
  });

  describe('once its org_admin has joined', () => {
    const administered = existingStream(theRefuge, [registered, adminInvited, adminJoined]);

    it('lets its org_admin issue a partner key, naming her as its issuer', async () => {
      const keyId = commandId({ idSeed: 'seed-2' }, 'api-key');
      await given(administered)
        .when((store) =>
          handler(store).execute(new IssueApiKeyCommand(request({ label: 'by the admin' }), contextOf(refugeAdmin, { idSeed: 'seed-2' }))),
        )
        .then(
          expectNewEvents(theRefuge, [
            {
              type: 'ApiKeyIssued',
              data: {
                organisationId: REFUGE,
                keyId,
                role: 'partner',
                expiresAt: expect.any(String),
              },
              metadata: { actor: { organisationId: REFUGE, role: 'org_admin', keyId: null, personId: 'person-refuge-admin' } },
            },
          ]),
        );
      expect((await tables.keys.list(REFUGE)).find((key) => key.id === keyId)).toMatchObject({ createdBy: 'person:person-refuge-admin' });
    });

    it('refuses the network admin, and stores no key', async () => {
      const before = (await tables.keys.list(REFUGE)).length;
      await given(administered)
        .when((store) => handler(store).execute(new IssueApiKeyCommand(request(), contextOf(admin))))
        .thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
      expect(await tables.keys.list(REFUGE)).toHaveLength(before);
    });

    it('refuses another organisation’s key', () =>
      given(administered)
        .when((store) => handler(store).execute(new IssueApiKeyCommand(request(), contextOf(asso))))
        .thenThrows('AUTH.ORG_ADMIN_ONLY'));
  });

  it('refuses an organisation that is not registered', () =>
    given()
      .when((store) => handler(store).execute(new IssueApiKeyCommand(request({ organisationId: 'nobody-00' }), contextOf(admin))))
      .thenThrows('ORGANISATION.NOT_FOUND'));
});
