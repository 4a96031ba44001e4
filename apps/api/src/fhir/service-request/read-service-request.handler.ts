import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import type { ServiceRequest } from 'fhir/r4';
import { loadCaseSnapshot } from '../../cases/case-snapshot';
import { PersonAccessService } from '../../shared/person-access';
import { referralOpen } from '../../shared/referral-standing';
import { factsFromStream } from '../task/referral-facts';
import { readReferralAs } from '../task/referral-stream';
import { ReadFhirServiceRequestQuery } from './read-service-request.query';
import { referralServiceRequest } from './service-request.mapping';

/**
 * The referral as its Task's focus, with its message and notes under the same rule as
 * GET /v1/referrals/{id}: the text may speak of her, so the receiver reads it only while the
 * referral is open to it and a referral consent still names it, and nobody once she is erased.
 * Her fields are never here.
 */
@QueryHandler(ReadFhirServiceRequestQuery)
export class ReadFhirServiceRequestHandler implements IQueryHandler<ReadFhirServiceRequestQuery, ServiceRequest> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: PersonAccessService,
  ) {}

  async execute({ actor, referralId, now }: ReadFhirServiceRequestQuery): Promise<ServiceRequest> {
    const { view, revision } = await readReferralAs(this.store, referralId, actor.organisationId);
    const [snapshot, stillOpen] = await Promise.all([loadCaseSnapshot(this.store, view.caseId), referralOpen(this.store, view)]);
    const visible = this.access.textVisibleTo(actor.organisationId, snapshot.state, now, stillOpen);
    const open = (sealed: string | null) => (visible ? this.access.openText(snapshot.state, sealed) : Promise.resolve(null));
    return referralServiceRequest(factsFromStream(view, revision), {
      sharedCategories: view.sharedCategories,
      safety: snapshot.safety,
      message: await open(view.sealed.message),
      notes: await Promise.all(view.sealed.notes.map(async (n) => ({ by: n.by, note: await open(n.note) }))),
    });
  }
}
