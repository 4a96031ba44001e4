import { StreamStateCache } from '@passerelle/command-handling';
import {
  ANY_REFERRAL_RECIPIENT,
  caseDecider,
  caseStream,
  referralStream,
  type Actor,
  type CaseEvent,
  type PersonErased,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { LinkageKeyStore, type Keyring } from '@passerelle/privacy';
import type { Pool } from 'pg';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import {
  ASSO,
  CLINIC,
  REFUGE,
  admin,
  asso,
  cacheHolding,
  clinic,
  consentGranted,
  consentWithdrawn,
  contextOf,
  coordinator,
  exactScope,
  identified,
  keyringOnTestDatabase,
  referralMade,
} from '../../testing/use-case.fixtures';
import { openReadSide, SETTINGS, type ReadSide } from '../../testing/read-side.fixtures';
import { ReferralReceivers } from '../referral-receivers';
import { ErasePersonCommand } from './erase-person.command';
import { ErasePersonHandler } from './erase-person.handler';

const given = CommandHandlerSpecification.for<CaseEvent>();

/** Each rule gets its own case: her data key lives in the keyring's table, shared by the whole suite. */
function aCase() {
  const caseId = randomUUID();
  const opened = [identified({ caseId }), { ...consentGranted(), data: { ...consentGranted().data, caseId } }];
  const erased = (requestedBy = ASSO): PersonErased => ({ type: 'PersonErased', data: { caseId, requestedBy } });
  return { caseId, stream: caseStream(caseId), opened, erased };
}

describe('erase person', () => {
  let keyring: Keyring;
  let pool: Pool;
  let close: () => Promise<void>;
  /** The inbox her referrals are read from (referral-receivers.ts): empty but for the rule that says otherwise. */
  let side: ReadSide;
  const receiversOn = (read: ReadSide) => new ReferralReceivers(read.fx.store, read.inbox, read.fx.dataSource, SETTINGS);
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new ErasePersonHandler(store, keyring, new LinkageKeyStore(pool), cache, receiversOn(side));
  /** Her linkage key as the identification recorded it, then as the table holds it. */
  const withLinkageKey = (caseId: string) => new LinkageKeyStore(pool).record(caseId, `linkage-of-${caseId}`);
  const linkageRow = async (caseId: string) =>
    (await pool.query('SELECT linkage_key, erased_at FROM privacy_linkage_keys WHERE case_id = $1', [caseId])).rows[0] as unknown;
  const erase = (caseId: string, who: Actor) => new ErasePersonCommand({ caseId }, contextOf(who));
  /** Her sealed fields, as the identification left them. */
  const sealedFor = (caseId: string) => keyring.seal(caseId, { givenName: 'Awa' });

  beforeAll(async () => {
    ({ keyring, pool, close } = await keyringOnTestDatabase('erase_person'));
    side = await openReadSide('erase_person_inbox');
  });
  afterAll(async () => {
    await side.close();
    await close();
  });

  describe('when her case was referred under a consent to any referral recipient', () => {
    it('tells the organisations she was referred to, and those a consent named before its withdrawal, with none of her categories', async () => {
      const { caseId, stream } = aCase();
      const referralId = randomUUID();
      const toAnyReceiver = consentGranted({ consentId: 'consent-any', recipients: [ANY_REFERRAL_RECIPIENT], purposes: ['referral'] });
      const toClinic = consentGranted({ consentId: 'consent-clinic', recipients: [CLINIC], purposes: ['referral'] });
      await side.given(
        [
          stream,
          [
            identified({ caseId }),
            { ...toAnyReceiver, data: { ...toAnyReceiver.data, caseId } },
            { ...toClinic, data: { ...toClinic.data, caseId } },
            { ...consentWithdrawn('consent-clinic'), data: { ...consentWithdrawn('consent-clinic').data, caseId } },
          ],
        ],
        [referralStream(referralId), [referralMade({ caseId, referralId, to: REFUGE })]],
      );
      await handler(side.fx.store).execute(erase(caseId, asso));

      const events = await side.fx.store.readStream(stream);
      expect(events.at(-1)).toMatchObject({
        type: 'PersonErased',
        metadata: { scope: exactScope({ [ASSO]: [], [REFUGE]: [], [CLINIC]: [] }) },
      });
    });
  });

  describe('when her case is open', () => {
    it('destroys her data key and records the erasure, told to her consent recipients with none of her categories', async () => {
      const { caseId, stream, opened, erased } = aCase();
      const sealed = await sealedFor(caseId);
      await withLinkageKey(caseId);
      await given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, asso)))
        .then(expectNewEvents(stream, [{ ...erased(), metadata: { scope: exactScope({ [REFUGE]: [], [ASSO]: [] }) } }]));
      expect(await keyring.open(caseId, sealed)).toBeNull();
      // Her pseudonym is deleted with her key: only a tombstone says a case was erased here.
      expect(await linkageRow(caseId)).toEqual({ linkage_key: null, erased_at: expect.any(Date) });
    });

    it('lets her caseworker at the holding organisation erase her, naming the caseworker', () => {
      const { caseId, stream, opened, erased } = aCase();
      const caseworker = { ...asso, role: 'caseworker' as const, keyId: null, personId: 'person-asso-caseworker' };
      return given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, caseworker)))
        .then(
          expectNewEvents(stream, [
            {
              ...erased(),
              metadata: { actor: { organisationId: ASSO, role: 'caseworker', keyId: null, personId: 'person-asso-caseworker' } },
            },
          ]),
        );
    });

    it('refuses the network admin, who never opens a case, and destroys nothing', async () => {
      const { caseId, stream, opened } = aCase();
      const sealed = await sealedFor(caseId);
      await given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, admin)))
        .thenThrows('AUTH.PARTNER_ONLY');
      expect(await keyring.open(caseId, sealed)).toEqual({ givenName: 'Awa' });
    });

    it('records the erasure on a retry after a crash that destroyed her key but recorded nothing', async () => {
      const { caseId, stream, opened, erased } = aCase();
      await sealedFor(caseId);
      await keyring.destroy(caseId);
      await given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, asso)))
        .then(expectNewEvents(stream, [erased()]));
    });

    it('answers a partner that does not hold her case as if there were none, and destroys nothing', async () => {
      const { caseId, stream, opened } = aCase();
      const sealed = await sealedFor(caseId);
      await withLinkageKey(caseId);
      await given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, clinic)))
        .thenThrows('CASE.NOT_FOUND');
      expect(await keyring.open(caseId, sealed)).toEqual({ givenName: 'Awa' });
      expect(await linkageRow(caseId)).toEqual({ linkage_key: `linkage-of-${caseId}`, erased_at: null });
    });

    it('refuses a coordinator, and destroys nothing', async () => {
      const { caseId, stream, opened } = aCase();
      const sealed = await sealedFor(caseId);
      await given(existingStream(stream, opened))
        .when((store) => handler(store).execute(erase(caseId, coordinator)))
        .thenThrows('AUTH.PARTNER_ONLY');
      expect(await keyring.open(caseId, sealed)).toEqual({ givenName: 'Awa' });
    });
  });

  describe('when there is no such case', () => {
    it('refuses the erasure', () => {
      const { caseId } = aCase();
      return given()
        .when((store) => handler(store).execute(erase(caseId, asso)))
        .thenThrows('CASE.NOT_FOUND');
    });
  });

  describe('when she was already erased', () => {
    it('refuses a second erasure', () => {
      const { caseId, stream, opened, erased } = aCase();
      return given(existingStream(stream, [...opened, erased()]))
        .when((store) => handler(store).execute(erase(caseId, asso)))
        .thenThrows('CASE.ALREADY_ERASED');
    });

    it('refuses it on fresh state even when this process cached her case before another erased her', () => {
      const { caseId, stream, opened, erased } = aCase();
      return given(existingStream(stream, [...opened, erased()]))
        .when((store) => handler(store, cacheHolding(stream, caseDecider, opened)).execute(erase(caseId, asso)))
        .thenThrows('CASE.ALREADY_ERASED');
    });
  });
});
