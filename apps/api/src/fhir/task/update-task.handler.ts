import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { conflict, unprocessable } from '@passerelle/domain';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '@passerelle/event-store';
import type { Task } from 'fhir/r4';
import { AcceptReferralCommand } from '../../referrals/accept-referral/accept-referral.command';
import { CloseReferralCommand } from '../../referrals/close-referral/close-referral.command';
import { DeclineReferralCommand } from '../../referrals/decline-referral/decline-referral.command';
import { WithdrawReferralCommand } from '../../referrals/withdraw-referral/withdraw-referral.command';
import { factsFromStream } from './referral-facts';
import { readReferralAs } from './referral-stream';
import { TASK_STATUS, referralTask } from './task.mapping';
import { UpdateFhirTaskCommand } from './update-task.command';

/**
 * A health service's system moves a referral by updating its Task: the status it sets becomes
 * the JSON API's own command (accept, decline, withdraw, close), sent on the CommandBus with the
 * version from If-Match as the referral stream's expected revision. The domain decides who may
 * make which move, exactly as for the JSON API; setting the status the Task already has changes
 * nothing. Answers the Task as it now is.
 */
@CommandHandler(UpdateFhirTaskCommand)
export class UpdateFhirTaskHandler implements ICommandHandler<UpdateFhirTaskCommand, Task> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ referralId, change, ifMatch, context }: UpdateFhirTaskCommand): Promise<Task> {
    const viewer = context.actor.organisationId;
    const { view, revision } = await readReferralAs(this.store, referralId, viewer);
    const current = referralTask(factsFromStream(view, revision));
    for (const [field, reference] of Object.entries(change.references)) {
      if (reference !== current[field as keyof typeof change.references]?.reference) {
        throw unprocessable(
          'FHIR.TASK_FIELD_READ_ONLY',
          `Task.${field} is the referral's and cannot change; only status, statusReason and output can.`,
        );
      }
    }
    if (change.status === TASK_STATUS[view.status]) {
      if (ifMatch !== undefined && ifMatch !== revision) throw new WrongExpectedRevisionError(`referral-${referralId}`, ifMatch, revision);
      return current;
    }
    await this.commands.execute(this.moveFor(referralId, change, ifMatch, context));
    const moved = await readReferralAs(this.store, referralId, viewer);
    return referralTask(factsFromStream(moved.view, moved.revision));
  }

  private moveFor(
    referralId: string,
    change: UpdateFhirTaskCommand['change'],
    expectedRevision: bigint | undefined,
    context: UpdateFhirTaskCommand['context'],
  ) {
    const { note } = change;
    switch (change.status) {
      case 'accepted':
        return new AcceptReferralCommand({ referralId, note, expectedRevision }, context);
      case 'rejected':
        return new DeclineReferralCommand({ referralId, note, reason: change.declineReason, expectedRevision }, context);
      case 'cancelled':
        return new WithdrawReferralCommand({ referralId, note, reason: change.withdrawalReason, expectedRevision }, context);
      case 'completed':
        return new CloseReferralCommand({ referralId, note, outcome: change.outcome, expectedRevision }, context);
      case 'requested':
        throw conflict('REFERRAL.INVALID_TRANSITION', 'A referral that was answered cannot be requested again; make a new referral.');
    }
  }
}
