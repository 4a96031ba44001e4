import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseStream, decideCase, initialCaseState, type IdentifyPerson, type SealedPersonal } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { LINKAGE_SECRET } from '@passerelle/platform';
import { Keyring, linkageKey } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { caseDecider, caseScope } from '../case.decider';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { consentTerms, unknownRecipients } from '../consent-terms';
import { personByCategory } from '../person.mapping';
import { IdentifyPersonCommand } from './identify-person.command';

@CommandHandler(IdentifyPersonCommand)
export class IdentifyPersonHandler implements ICommandHandler<IdentifyPersonCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    @Inject(LINKAGE_SECRET) private readonly linkageSecret: Buffer,
    private readonly organisations: RegisteredOrganisations,
  ) {}

  async execute({ request, context }: IdentifyPersonCommand) {
    const caseId = context.ids.next('case');
    const { person } = request;
    const linkage = person.familyName && person.givenName && person.birthDate
      ? linkageKey(this.linkageSecret, { familyName: person.familyName, givenNames: person.givenName, birthDate: person.birthDate })
      : null;
    const consent = request.consent ? consentTerms(request.consent, context) : null;
    const unknown = consent ? await unknownRecipients(this.organisations, consent.recipients) : [];
    const command = (personal: SealedPersonal): IdentifyPerson => ({
      type: 'IdentifyPerson',
      data: {
        caseId, level: request.level, indicators: request.indicators, department: request.department, ageBand: request.ageBand,
        safety: request.safety, linkageKey: linkage, personal, consent,
        unknownRecipients: unknown,
      },
      metadata: metadataOf(context),
    });
    // Refused before anything is sealed: a refused identification leaves nothing behind, not even an unused data key.
    decideCase(command({}), initialCaseState());
    // The data key exists before any sealed byte does; an append that then fails leaves only an unused key.
    const personal = await this.keyring.sealPersonal(caseId, personByCategory(person));
    const { position } = await handleCommand(this.store, caseStream(caseId), caseDecider, command(personal), context, caseScope(context.now));
    return { caseId, consentId: consent?.consentId ?? null, position: String(position) };
  }
}
