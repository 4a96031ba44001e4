import { commandId, StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import {
  caseStream,
  organisationStream,
  type Actor,
  type CaseEvent,
  type ConsentGranted,
  type OrganisationEvent,
  type PersonIdentified,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { createPostgresEventStore, type PostgresEventStore } from '@passerelle/event-store/postgres';
import { Keyring, linkageKey, LinkageKeyStore, type MasterKey } from '@passerelle/privacy';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import {
  ALL_CATEGORIES,
  ASSO,
  REFUGE,
  asso,
  consentGranted,
  contextOf,
  exactScope,
  identified,
  keyringOnTestDatabase,
  organisationRegistered,
  police,
} from '../../testing/use-case.fixtures';
import { IdentifyPersonCommand, type IdentifyPersonData } from './identify-person.command';
import { IdentifyPersonHandler } from './identify-person.handler';

const given = CommandHandlerSpecification.for<CaseEvent | OrganisationEvent>();
const refugeIsRegistered = existingStream(organisationStream(REFUGE), [organisationRegistered(REFUGE, 'refuge', ['shelter'])]);
const linkageSecret = randomBytes(32);
const person = { givenName: 'Awa', familyName: 'Diallo', birthDate: '1994-03-02', phone: '+33600000000' };

const identify = (context: CommandContext, data: Partial<IdentifyPersonData> = {}) =>
  new IdentifyPersonCommand(
    {
      person,
      level: 'presumed',
      indicators: ['trafficking_sexual'],
      department: '93',
      ageBand: '25-34',
      safety: { doNotContact: false, safeChannel: 'phone' },
      consent: null,
      ...data,
    },
    context,
  );
const firstConsent = {
  recipients: [REFUGE],
  categories: ['identity' as const],
  purposes: ['referral' as const],
  method: 'written' as const,
};
const by = (who: Actor, idSeed = 'identify-1') => contextOf(who, { idSeed });
const caseOf = (context: CommandContext) => commandId(context, 'case');

/** Her identification as recorded from `person`: her fields sealed (so only their presence is known here). */
const personIdentified = (context: CommandContext, data: Partial<PersonIdentified['data']> = {}): PersonIdentified =>
  identified({
    caseId: caseOf(context),
    personal: { identity: expect.stringMatching(/^v1\./) as string, contact: expect.stringMatching(/^v1\./) as string },
    ...data,
  });

const consentGrantedWith = (context: CommandContext): ConsentGranted => {
  const { data } = consentGranted({ ...firstConsent, consentId: commandId(context, 'consent'), language: null });
  return { type: 'ConsentGranted', data: { ...data, caseId: caseOf(context) } };
};

describe('identify person', () => {
  let keyring: Keyring;
  let pool: Pool;
  let close: () => Promise<void>;
  /** Its handler; with `ring`, as another process's (nothing cached). */
  const handler = (store: EventStore, ring: Keyring = keyring) =>
    new IdentifyPersonHandler(
      store,
      ring,
      linkageSecret,
      new LinkageKeyStore(pool),
      new RegisteredOrganisations(store),
      new StreamStateCache(),
    );
  const keyRows = async (caseId: string) =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_case_keys WHERE case_id = $1', [caseId])).rows[0]?.n;
  const linkageKeysOf = async (caseId: string) =>
    (await pool.query<{ linkage_key: string }>('SELECT linkage_key FROM privacy_linkage_keys WHERE case_id = $1', [caseId])).rows;

  let url: string;
  let master: MasterKey;
  beforeAll(async () => ({ keyring, pool, close, url, master } = await keyringOnTestDatabase('identify_person')));
  afterAll(() => close());

  describe('when a partner identifies her', () => {
    it('opens her case under an id made from the idSeed, her fields sealed per category, seen by the holder alone', () =>
      given()
        .when(async (store) => {
          await handler(store).execute(identify(by(asso)));
          const [event] = await store.readStream(caseStream(caseOf(by(asso))));
          const { personal } = (event?.data ?? {}) as PersonIdentified['data'];
          expect(JSON.stringify({ data: event?.data, metadata: event?.metadata })).not.toContain('Diallo');
          // Her pseudonym is kept beside her data key, where erasure deletes it, never in the immutable event.
          const herLinkageKey = linkageKey(linkageSecret, { familyName: 'Diallo', givenNames: 'Awa', birthDate: '1994-03-02' });
          expect(JSON.stringify(event?.data)).not.toContain(herLinkageKey);
          expect(await linkageKeysOf(caseOf(by(asso)))).toEqual([{ linkage_key: herLinkageKey }]);
          expect(await keyring.openPersonal(caseOf(by(asso)), personal, ['identity', 'contact'])).toEqual({
            identity: { givenName: 'Awa', familyName: 'Diallo', birthDate: '1994-03-02' },
            contact: { phone: '+33600000000' },
          });
        })
        .then(
          expectNewEvents(caseStream(caseOf(by(asso))), [
            { ...personIdentified(by(asso)), metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES }) } },
          ]),
        ));

    it('records no linkage key without her full name and birth date', async () => {
      const context = by(asso, 'identify-given-name-only');
      await given()
        .when((store) => handler(store).execute(identify(context, { person: { givenName: 'Awa' } })))
        .then(
          expectNewEvents(caseStream(caseOf(context)), [
            personIdentified(context, { personal: { identity: expect.stringMatching(/^v1\./) as string } }),
          ]),
        );
      expect(await linkageKeysOf(caseOf(context))).toEqual([]);
    });

    it('records her first consent with it, under an id made from the idSeed, seen by its recipient', () =>
      given(refugeIsRegistered)
        .when((store) => handler(store).execute(identify(by(asso), { consent: firstConsent })))
        .then(
          expectNewEvents(caseStream(caseOf(by(asso))), [
            personIdentified(by(asso)),
            { ...consentGrantedWith(by(asso)), metadata: { scope: exactScope({ [REFUGE]: ['identity'], [ASSO]: ALL_CATEGORIES }) } },
          ]),
        ));

    it('records a retried request (same idSeed) once', () =>
      given(refugeIsRegistered)
        .when(async (store) => {
          const identifies = handler(store);
          const first = await identifies.execute(identify(by(asso), { consent: firstConsent }));
          expect(await handler(store).execute(identify(by(asso), { consent: firstConsent }))).toEqual(first);
        })
        .then(expectNewEvents(caseStream(caseOf(by(asso))), [personIdentified(by(asso)), consentGrantedWith(by(asso))])));
  });

  describe("on the PostgreSQL event store, where her keys commit in her event's transaction", () => {
    let store: PostgresEventStore;
    const events = async (caseId: string) => store.readStream(caseStream(caseId));
    /** Her fields as another process opens them: its keyring has nothing cached, it reads her key's row. */
    const openedElsewhere = async (caseId: string) => {
      const [event] = await events(caseId);
      const { personal } = (event?.data ?? {}) as PersonIdentified['data'];
      return new Keyring(pool, master).openPersonal(caseId, personal, ['identity', 'contact']);
    };
    const herFields = {
      identity: { givenName: 'Awa', familyName: 'Diallo', birthDate: '1994-03-02' },
      contact: { phone: '+33600000000' },
    };

    beforeAll(async () => (store = await createPostgresEventStore({ connectionString: url })));
    afterAll(() => store.close());

    it('writes her event, her data key and her linkage key together; another process opens her fields', async () => {
      const context = by(asso, 'identify-on-postgres');
      await handler(store).execute(identify(context));
      expect(await events(caseOf(context))).toHaveLength(1);
      expect(await keyRows(caseOf(context))).toBe(1);
      expect(await linkageKeysOf(caseOf(context))).toEqual([
        { linkage_key: linkageKey(linkageSecret, { familyName: 'Diallo', givenNames: 'Awa', birthDate: '1994-03-02' }) },
      ]);
      expect(await openedElsewhere(caseOf(context))).toEqual(herFields);
      // This process kept the key it sealed with.
      const [event] = await events(caseOf(context));
      expect(await keyring.openPersonal(caseOf(context), (event?.data as PersonIdentified['data']).personal, ['identity'])).toEqual({
        identity: herFields.identity,
      });
    });

    it('keys each of many identifications made at once (one commit for several), every one opened by another process', async () => {
      const contexts = Array.from({ length: 20 }, (_, i) => by(asso, `identify-at-once-${String(i)}`));
      await Promise.all(contexts.map((context) => handler(store).execute(identify(context))));
      for (const context of contexts) expect(await openedElsewhere(caseOf(context))).toEqual(herFields);
    });

    it('answers a retried identification (same idSeed) as the first, in another process too: one event, one key', async () => {
      const context = by(asso, 'identify-retried-on-postgres');
      const first = await handler(store).execute(identify(context));
      const elsewhere = handler(store, new Keyring(pool, master));
      expect(await elsewhere.execute(identify(context))).toEqual(first);
      expect(await events(caseOf(context))).toHaveLength(1);
      expect(await keyRows(caseOf(context))).toBe(1);
      expect(await openedElsewhere(caseOf(context))).toEqual(herFields);
    });

    it('refuses her identification retried after her erasure, giving her no new key and writing no event', async () => {
      const context = by(asso, 'identify-after-erasure');
      const caseId = caseOf(context);
      await handler(store).execute(identify(context));
      expect(await new Keyring(pool, master).destroy(caseId)).toBe(true);
      const later = handler(store, new Keyring(pool, master));
      await expect(later.execute(identify(by(asso, 'identify-after-erasure')))).rejects.toMatchObject({ code: 'PRIVACY.KEY_DESTROYED' });
      expect(await events(caseId)).toHaveLength(1);
      expect(await openedElsewhere(caseId)).toBeNull();
    });
  });

  describe('when the identification is refused', () => {
    it('refuses a consent naming an organisation that is not registered, and makes no data key', async () => {
      const context = by(asso, 'identify-unknown-recipient');
      await given(refugeIsRegistered)
        .when((store) => handler(store).execute(identify(context, { consent: { ...firstConsent, recipients: [REFUGE, 'nobody-00'] } })))
        .thenThrows('CONSENT.UNKNOWN_RECIPIENT');
      expect(await keyRows(caseOf(context))).toBe(0);
    });

    it('lets only an authority record a formal identification, and makes no data key', async () => {
      const context = by(asso, 'identify-formal');
      await given()
        .when((store) => handler(store).execute(identify(context, { level: 'formal' })))
        .thenThrows('CASE.FORMAL_REQUIRES_AUTHORITY');
      expect(await keyRows(caseOf(context))).toBe(0);
      await given()
        .when((store) => handler(store).execute(identify(by(police, 'identify-formal-by-police'), { level: 'formal' })))
        .then(
          expectNewEvents(caseStream(caseOf(by(police, 'identify-formal-by-police'))), [
            personIdentified(by(police, 'identify-formal-by-police'), {
              level: 'formal',
              identifiedBy: police.organisationId,
              identifierKind: 'authority',
            }),
          ]),
        );
    });
  });
});
