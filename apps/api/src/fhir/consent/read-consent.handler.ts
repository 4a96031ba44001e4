import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { InboxQuery } from '@passerelle/projections';
import type { Bundle, Consent } from 'fhir/r4';
import { searchset } from '../fhir-bundle';
import { consentNotFound, consentsOfCase } from './case-consents';
import { consentResource } from './consent.mapping';
import { ReadFhirConsentQuery, SearchFhirConsentsQuery } from './read-consent.query';

/** One consent by its id: its case is found through the inbox read model, then read from the case stream. */
@QueryHandler(ReadFhirConsentQuery)
export class ReadFhirConsentHandler implements IQueryHandler<ReadFhirConsentQuery, Consent> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly inbox: InboxQuery,
  ) {}

  async execute({ actor, consentId, now }: ReadFhirConsentQuery): Promise<Consent> {
    const caseId = await this.inbox.caseOfConsent(consentId);
    const consent = caseId
      ? (await consentsOfCase(this.store, caseId, actor.organisationId)).find((c) => c.granted.consentId === consentId)
      : undefined;
    if (!consent) throw consentNotFound(consentId);
    return consentResource(consent, now);
  }
}

/** Her consents, oldest first; an empty Bundle for anyone but the holder, as for a case that does not exist. */
@QueryHandler(SearchFhirConsentsQuery)
export class SearchFhirConsentsHandler implements IQueryHandler<SearchFhirConsentsQuery, Bundle<Consent>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ actor, caseId, now, urls }: SearchFhirConsentsQuery): Promise<Bundle<Consent>> {
    const consents = await consentsOfCase(this.store, caseId, actor.organisationId);
    return searchset(
      urls.base,
      urls.self,
      consents.map((consent) => consentResource(consent, now)),
    );
  }
}
