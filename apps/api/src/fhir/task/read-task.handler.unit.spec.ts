import { referralStream, type Actor, type ReferralEvent } from '@passerelle/domain';
import { existingStream } from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import { MESSAGE, NOTE } from '../../testing/read-side.fixtures';
import { ASSO, CASE_ID, REFERRAL_ID, REFUGE, answerOf, asso, clinic, referralMade, refuge } from '../../testing/use-case.fixtures';
import { ReadFhirTaskHandler } from './read-task.handler';
import { ReadFhirTaskQuery } from './read-task.query';

/** The referral made with a message, then each answer a party may give, each with a note: free text that may speak of her. */
const made = referralMade({ message: MESSAGE });
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: { referralId: REFERRAL_ID, by: REFUGE, note: NOTE } };
const AFTER_MADE: Record<string, ReferralEvent[]> = {
  requested: [],
  accepted: [accepted],
  rejected: [{ type: 'ReferralDeclined', data: { referralId: REFERRAL_ID, by: REFUGE, reason: 'no_capacity', note: NOTE } }],
  cancelled: [{ type: 'ReferralWithdrawn', data: { referralId: REFERRAL_ID, by: ASSO, reason: 'other', note: NOTE } }],
  completed: [accepted, { type: 'ReferralClosed', data: { referralId: REFERRAL_ID, by: ASSO, outcome: 'service_provided', note: NOTE } }],
};

const taskAs = (who: Actor, status: string, referralId = REFERRAL_ID) =>
  answerOf([existingStream(referralStream(REFERRAL_ID), [made, ...(AFTER_MADE[status] ?? [])])], (store) =>
    new ReadFhirTaskHandler(store).execute(new ReadFhirTaskQuery(who, referralId)),
  );

describe('read FHIR Task', () => {
  it.each([
    ['referred', 'requested', '0'],
    ['accepted', 'accepted', '1'],
    ['declined', 'rejected', '1'],
    ['withdrawn', 'cancelled', '1'],
    ['closed', 'completed', '2'],
  ])(
    'shows both parties the Task of the %s referral as %s, version %s (the stream’s revision), and writes nothing',
    async (referral, status, version) => {
      for (const party of [asso, refuge]) {
        expect(await taskAs(party, status)).toMatchObject({
          resourceType: 'Task',
          id: REFERRAL_ID,
          meta: { versionId: version },
          status,
          businessStatus: { coding: [{ code: referral }] },
          focus: { reference: `ServiceRequest/${REFERRAL_ID}` },
          for: { reference: `Patient/${CASE_ID}` },
          requester: { reference: `Organization/${ASSO}` },
          owner: { reference: `Organization/${REFUGE}` },
        });
      }
    },
  );

  it('answers a partner that is not a party, as an unknown id, as if there were no such referral', async () => {
    await expect(taskAs(clinic, 'accepted')).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
    await expect(taskAs(refuge, 'accepted', randomUUID())).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
  });

  it('carries none of the referral’s free text: neither its message nor a party’s note, only the coded reason', async () => {
    for (const status of Object.keys(AFTER_MADE)) {
      const task = JSON.stringify(await taskAs(refuge, status));
      expect(task).not.toContain(MESSAGE);
      expect(task).not.toContain(NOTE);
    }
    expect((await taskAs(refuge, 'rejected')).statusReason).toEqual({
      coding: [expect.objectContaining({ code: 'no_capacity' })],
      text: 'No capacity',
    });
  });
});
