import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, commandId, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { ageBandOn, caseDecider, caseStream, type IdentifyPerson, type SealedPersonal } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
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
    // The data key exists before any sealed byte does; an append that then fails leaves only an unused key.
    // Her linkage key goes beside her data key, never into the event: erasure deletes it with the key
    // (docs/adr/0011-linkage-keys-outside-the-events.md). Both are written before the append, so the
    // event's readers find them; side by side, as neither needs the other.
    const [personal] = await Promise.all([
      this.keyring.sealPersonal(caseId, personByCategory(person)),
      linkage === null ? undefined : this.linkageKeys.record(caseId, linkage),
    ]);
    const { position } = await handleCommand(this.store, stream, command(personal), {
      ...caseDecider,
      envelope: commandEnvelope(context, stream, caseScope(context.now)),
      cache: this.cache,
      newStream: true,
    });
    return { caseId, consentId: consent?.consentId ?? null, position: String(position) };
  }
}
