import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, commandId, handleCommand, StreamStateCache, withReadStream } from '@passerelle/command-handling';
import { caseDecider, caseStream, referralDecider, referralStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { referralScope } from '../referral.scope';
import { MakeReferralCommand } from './make-referral.command';

@CommandHandler(MakeReferralCommand)
export class MakeReferralHandler implements ICommandHandler<MakeReferralCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly organisations: RegisteredOrganisations,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: MakeReferralCommand) {
    const referralId = commandId(context, 'referral');
    const stream = referralStream(referralId);
    const receiver = await this.organisations.get(data.to);
    const respondBy = data.respondBy ? new Date(data.respondBy).toISOString() : null;
    // Her consent decides whether she may be referred: the referral commits only if her case is
    // still at the revision it was decided on.
    return withReadStream(
      this.store,
      caseStream(data.caseId),
      { ...caseDecider, cache: this.cache },
      async ({ state: caseState, alsoExpect }) => {
        // Seal only for a case that is still open: an erased case has no key to seal with.
        const message = data.message && caseState.status === 'open' ? await this.keyring.seal(data.caseId, data.message) : null;
        const { position } = await handleCommand(
          this.store,
          stream,
          { type: 'MakeReferral', data: { ...data, referralId, message, respondBy, case: caseState, receiver }, metadata: context },
          {
            ...referralDecider,
            envelope: commandEnvelope(context, stream, referralScope(caseState, context.now)),
            cache: this.cache,
            newStream: true,
            alsoExpect,
          },
        );
        return { referralId, status: 'referred', position: String(position) };
      },
    );
  }
}
