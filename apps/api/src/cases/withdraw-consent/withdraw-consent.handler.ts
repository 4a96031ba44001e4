import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { aggregateStream, commandEnvelope, handleCommand, StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import { ANY_REFERRAL_RECIPIENT, caseDecider, caseStream, type CaseState, type SealedText } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { isPrivacyError, Keyring } from '@passerelle/privacy';
import { caseScope } from '../case.scope';
import { ReferralReceivers } from '../referral-receivers';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WITHDRAWAL_REASON_LABEL } from './withdrawal-reason';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly cache: StreamStateCache,
    private readonly referralReceivers: ReferralReceivers,
  ) {}

  async execute({ data, context }: WithdrawConsentCommand) {
    const stream = caseStream(data.caseId);
    // What sealing and telling need to know; the decision itself is taken on the fresh state (handleCommand).
    const { state } = await aggregateStream(this.store, stream, { ...caseDecider, cache: this.cache, freshness: 'cached' });
    const reason = data.reason === null ? null : await this.seal(state, data.reason, context);
    const receivers = namesAnyReferralRecipient(state, data.consentId) ? await this.referralReceivers.of(data.caseId) : [];
    const { position } = await handleCommand(
      this.store,
      stream,
      { type: 'WithdrawConsent', data: { ...data, reason }, metadata: context },
      {
        ...caseDecider,
        envelope: commandEnvelope(context, stream, caseScope(context.now, receivers)),
        cache: this.cache,
      },
    );
    return { caseId: data.caseId, consentId: data.consentId, withdrawn: true, position: String(position) };
  }

  /**
   * Her reason may name her ("Awa asked us to stop"), so it is sealed with her case key like a
   * referral's message, and becomes unreadable with her erasure. Sealed only for a case this partner
   * holds open: sealing for any other would make a data key for a case that does not exist. When a
   * stale cached state says open but she was erased meanwhile, there is no key to seal with; the
   * append then fails on the cached revision and the decision on the fresh state refuses it.
   */
  private async seal(state: CaseState, reason: string, context: CommandContext): Promise<SealedText> {
    if (state.status !== 'open' || state.holder !== context.actor.organisationId) return null;
    try {
      return await this.keyring.seal(state.caseId, reason, WITHDRAWAL_REASON_LABEL);
    } catch (error) {
      if (isPrivacyError(error, 'PRIVACY.KEY_DESTROYED')) return null;
      throw error;
    }
  }
}

/** Whether the consent let any organisation she is referred to see her data: its receivers are then told. */
function namesAnyReferralRecipient(state: CaseState, consentId: string): boolean {
  const consent = state.status === 'open' ? state.consents.find((candidate) => candidate.consentId === consentId) : undefined;
  return consent?.recipients.includes(ANY_REFERRAL_RECIPIENT) ?? false;
}
