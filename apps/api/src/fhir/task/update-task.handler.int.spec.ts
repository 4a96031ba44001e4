import type { ModuleRef } from '@nestjs/core';
import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { CommandBus } from '@nestjs/cqrs';
import { StreamStateCache } from '@passerelle/command-handling';
import { type Actor, type CaseEvent, type ReferralEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { AcceptPlacement } from '../../referrals/accept-referral/accept-placement';
import { AcceptReferralHandler } from '../../referrals/accept-referral/accept-referral.handler';
import { CloseReferralHandler } from '../../referrals/close-referral/close-referral.handler';
import { DeclineReferralHandler } from '../../referrals/decline-referral/decline-referral.handler';
import { MoveReferral } from '../../referrals/move-referral';
import { WithdrawReferralHandler } from '../../referrals/withdraw-referral/withdraw-referral.handler';
import { NOTE } from '../../testing/read-side.fixtures';
import {
  ASSO,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  contextOf,
  keyringOnTestDatabase,
  refuge,
  REFERRAL_TO_REFUGE,
} from '../../testing/use-case.fixtures';
import { CODE_SYSTEM } from '../fhir-systems';
import { UpdateFhirTaskCommand } from './update-task.command';
import { UpdateFhirTaskHandler } from './update-task.handler';
import { readTaskChange } from './update-task.request.dto';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent>();
const { theReferral, consented, made, accepted } = REFERRAL_TO_REFUGE;
const referred = existingStream<ReferralEvent>(theReferral, [made]);
const answered = existingStream<ReferralEvent>(theReferral, [made, accepted]);
const SEALED = expect.stringMatching(/^v1\./) as string;

describe('update FHIR Task', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  /** The handler on a real CommandBus that carries each move to the JSON API's own handler, as CqrsModule wires it. */
  const handler = (store: EventStore) => {
    const cache = new StreamStateCache();
    const move = new MoveReferral(store, keyring, cache);
    const placement = new AcceptPlacement(store, keyring, cache, new PlaceRequestFollowUp(store, cache));
    const bus = new CommandBus({} as ModuleRef);
    bus.register([
      new InstanceWrapper({ metatype: AcceptReferralHandler, instance: new AcceptReferralHandler(move, placement, store, cache) }),
      new InstanceWrapper({ metatype: DeclineReferralHandler, instance: new DeclineReferralHandler(move) }),
      new InstanceWrapper({ metatype: WithdrawReferralHandler, instance: new WithdrawReferralHandler(move) }),
      new InstanceWrapper({ metatype: CloseReferralHandler, instance: new CloseReferralHandler(move) }),
    ]);
    return new UpdateFhirTaskHandler(store, bus);
  };
  /** A PUT of the Task by `who`: the body a partner's system sends, read as the controller reads it. */
  const put = (who: Actor, body: Record<string, unknown>, ifMatch?: bigint) => (store: EventStore) =>
    handler(store).execute(
      new UpdateFhirTaskCommand(
        REFERRAL_ID,
        readTaskChange(REFERRAL_ID, { resourceType: 'Task', id: REFERRAL_ID, intent: 'order', ...body }),
        ifMatch,
        contextOf(who),
      ),
    );

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('fhir_update_task')));
  afterAll(() => close());

  it('accepts for the receiver: ReferralAccepted by her, the statusReason text as its sealed note, and answers the accepted Task', () =>
    given(consented, referred)
      .when(async (store) =>
        expect(await put(refuge, { status: 'accepted', statusReason: { text: NOTE } })(store)).toMatchObject({
          status: 'accepted',
          meta: { versionId: '1' },
          owner: { reference: `Organization/${REFUGE}` },
        }),
      )
      .then(expectNewEvents(theReferral, [{ type: 'ReferralAccepted', data: { referralId: REFERRAL_ID, by: REFUGE, note: SEALED } }])));

  it.each<[string, Actor, typeof referred, Record<string, unknown>, ReferralEvent]>([
    [
      'rejected, by the receiver, with its coded reason',
      refuge,
      referred,
      { status: 'rejected', statusReason: { coding: [{ system: CODE_SYSTEM.declineReason, code: 'safety' }] } },
      { type: 'ReferralDeclined', data: { referralId: REFERRAL_ID, by: REFUGE, reason: 'safety', note: null } },
    ],
    [
      'cancelled, by the sender',
      asso,
      referred,
      { status: 'cancelled' },
      { type: 'ReferralWithdrawn', data: { referralId: REFERRAL_ID, by: ASSO, reason: 'other', note: null } },
    ],
    [
      'completed, by the receiver, with the outcome of its output',
      refuge,
      answered,
      {
        status: 'completed',
        output: [{ valueCodeableConcept: { coding: [{ system: CODE_SYSTEM.closureOutcome, code: 'lost_contact' }] } }],
      },
      { type: 'ReferralClosed', data: { referralId: REFERRAL_ID, by: REFUGE, outcome: 'lost_contact', note: null } },
    ],
  ])('writes the referral event of a Task set %s', (_, who, before, body, event) =>
    given(consented, before)
      .when(async (store) => expect(await put(who, body)(store)).toMatchObject({ status: body.status }))
      .then(expectNewEvents(theReferral, [event])),
  );

  it('refuses the sender accepting her own referral, and answers a partner that is not a party as if there were none', async () => {
    await given(consented, referred)
      .when(put(asso, { status: 'accepted' }))
      .thenThrows('REFERRAL.NOT_RECEIVER');
    await given(consented, referred)
      .when(put(clinic, { status: 'accepted' }))
      .thenThrows('REFERRAL.NOT_FOUND');
  });

  it('refuses a move the referral cannot make, or a change of its parties, with its problem code, and writes nothing', async () => {
    await given(consented, answered)
      .when(put(refuge, { status: 'requested' }))
      .thenThrows('REFERRAL.INVALID_TRANSITION');
    await given(consented, referred)
      .when(put(refuge, { status: 'completed' }))
      .thenThrows('REFERRAL.INVALID_TRANSITION');
    await given(consented, answered)
      .when(put(refuge, { status: 'rejected', statusReason: { text: NOTE } }))
      .thenThrows('REFERRAL.INVALID_TRANSITION');
    await given(consented, referred)
      .when(put(refuge, { status: 'accepted', owner: { reference: `Organization/${ASSO}` } }))
      .thenThrows('FHIR.TASK_FIELD_READ_ONLY');
  });

  it('answers the Task as it is when its status is already set, but refuses an If-Match of a version the referral has left', async () => {
    await given(consented, answered)
      .when(async (store) => expect(await put(refuge, { status: 'accepted' }, 1n)(store)).toMatchObject({ meta: { versionId: '1' } }))
      .thenNothingHappened();
    await given(consented, answered)
      .when(put(refuge, { status: 'accepted' }, 0n))
      .thenThrows('STREAM.WRONG_EXPECTED_REVISION');
    await given(consented, answered)
      .when(put(refuge, { status: 'completed' }, 0n))
      .thenThrows('STREAM.WRONG_EXPECTED_REVISION');
  });
});
