import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { referralStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { loadCase, referralDecider, referralScope } from '../referral.decider';
import { MakeReferralCommand } from './make-referral.command';

@CommandHandler(MakeReferralCommand)
export class MakeReferralHandler implements ICommandHandler<MakeReferralCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly organisations: RegisteredOrganisations,
  ) {}

  async execute({ request, context }: MakeReferralCommand) {
    const referralId = context.ids.next('referral');
    const [caseState, receiver] = await Promise.all([
      loadCase(this.store, request.caseId),
      this.organisations.get(request.to),
    ]);
    // Seal only for a case that is still open: an erased case has no key to seal with.
    const message = request.message && caseState.status === 'open' ? await this.keyring.seal(request.caseId, request.message) : null;
    const { position } = await handleCommand(this.store, referralStream(referralId), referralDecider, {
      type: 'MakeReferral',
      data: {
        referralId, caseId: request.caseId, to: request.to, service: request.service, urgency: request.urgency,
        sharedCategories: request.sharedCategories, message,
        respondBy: request.respondBy ? new Date(request.respondBy).toISOString() : null,
        case: caseState, receiver,
      },
      metadata: metadataOf(context),
    }, context, referralScope(caseState, context.now));
    return { referralId, status: 'referred', position: String(position) };
  }
}
