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
import { linkageKey, LinkageKeyStore, type Keyring } from '@passerelle/privacy';
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
  const handler = (store: EventStore) =>
    new IdentifyPersonHandler(
      store,
      keyring,
      linkageSecret,
      new LinkageKeyStore(pool),
      new RegisteredOrganisations(store),
      new StreamStateCache(),
    );
  const keyRows = async (caseId: string) =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_case_keys WHERE case_id = $1', [caseId])).rows[0]?.n;
  const linkageKeysOf = async (caseId: string) =>
    (await pool.query<{ linkage_key: string }>('SELECT linkage_key FROM privacy_linkage_keys WHERE case_id = $1', [caseId])).rows;

  beforeAll(async () => ({ keyring, pool, close } = await keyringOnTestDatabase('identify_person')));
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
