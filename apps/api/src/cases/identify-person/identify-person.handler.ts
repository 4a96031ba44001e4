import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, commandId, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { ageBandOn, caseDecider, caseStream, type IdentifyPerson, type SealedPersonal } from '@passerelle/domain';
import { EVENT_STORE, RowAlreadyExistsError, type EventStore, type RowAlongside } from '@passerelle/event-store';
import { LINKAGE_SECRET } from '@passerelle/config';
import { Keyring, linkageKey, LinkageKeyStore } from '@passerelle/privacy';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { caseScope } from '../case.scope';
import { consentTerms, unknownRecipients } from '../consent-terms';
import { personByCategory } from '../person.mapping';
import { IdentifyPersonCommand } from './identify-person.command';

@CommandHandler(IdentifyPersonCommand)
export class IdentifyPersonHandler implements ICommandHandler<IdentifyPersonCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    @Inject(LINKAGE_SECRET) private readonly linkageSecret: Buffer,
    private readonly linkageKeys: LinkageKeyStore,
    private readonly organisations: RegisteredOrganisations,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: IdentifyPersonCommand) {
    const caseId = commandId(context, 'case');
    const stream = caseStream(caseId);
    const { person } = data;
    const linkage =
      person.familyName && person.givenName && person.birthDate
        ? linkageKey(this.linkageSecret, { familyName: person.familyName, givenNames: person.givenName, birthDate: person.birthDate })
        : null;
    const consent = data.consent ? consentTerms(data.consent, context) : null;
    const unknown = consent ? await unknownRecipients(this.organisations, consent.recipients) : [];
    const command = (personal: SealedPersonal): IdentifyPerson => ({
      type: 'IdentifyPerson',
      data: {
        caseId,
        level: data.level,
        indicators: data.indicators,
        department: data.department,
        ageBand: data.ageBand,
        birthDateAgeBand: person.birthDate ? ageBandOn(person.birthDate, context.now) : null,
        safety: data.safety,
        personal,
        consent,
        unknownRecipients: unknown,
      },
      metadata: context,
    });
    // Refused before anything is sealed: a refused identification leaves nothing behind, not even an unused data key.
    caseDecider.decide(command({}), caseDecider.initialState());
    const append = (personal: SealedPersonal, alongside?: RowAlongside[]) =>
      handleCommand(this.store, stream, command(personal), {
        ...caseDecider,
        envelope: commandEnvelope(context, stream, caseScope(context.now)),
        cache: this.cache,
        newStream: true,
        ...(alongside ? { alongside } : {}),
      });
    const byCategory = personByCategory(person);
    const answer = (position: bigint | null) => ({ caseId, consentId: consent?.consentId ?? null, position: String(position) });
    // Her data key and linkage key commit in the event's own transaction: one commit, and no key
    // without its event (docs/adr/0017-keys-in-the-append-transaction.md). Her linkage key goes
    // beside her data key, never into the event: erasure deletes it with the key (docs/adr/0011-linkage-keys-outside-the-events.md).
    const fresh = this.store.writesRowsAlongside ? this.keyring.newDataKey(caseId) : null;
    if (fresh) {
      const personal = fresh.sealPersonal(byCategory);
      // Nothing sealed, no key (as sealPersonal): her case gets one with its first sealed field.
      const sealed = Object.keys(personal).length > 0;
      const rows = [...(sealed ? [fresh.row] : []), ...(linkage === null ? [] : [LinkageKeyStore.row(caseId, linkage)])];
      try {
        const { position } = await append(personal, rows);
        if (sealed) fresh.stored();
        return answer(position);
      } catch (error) {
        // Her key is already stored (a retried identification, an erased case): sealed again under it, below.
        if (!(error instanceof RowAlreadyExistsError)) throw error;
      }
    }
    // Otherwise the keys are written first, so that the event's readers find them; an append that
    // then fails leaves only an unused key. Side by side, as neither needs the other.
    const [personal] = await Promise.all([
      this.keyring.sealPersonal(caseId, byCategory),
      linkage === null ? undefined : this.linkageKeys.record(caseId, linkage),
    ]);
    return answer((await append(personal)).position);
  }
}
