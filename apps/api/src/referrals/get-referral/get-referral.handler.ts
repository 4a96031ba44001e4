import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, referralStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PersonAccessService } from '../../shared/person-access';
import { loadCaseSnapshot } from '../../cases/case-snapshot';
import { GetReferralQuery } from './get-referral.query';
import { referralOpen } from '../../shared/referral-standing';
import { referralView } from './referral-view';

/**
 * Read from the streams themselves, not a projection: the two parties see a referral the moment it
 * is written. Anyone else gets the same 404 as for a referral that does not exist.
 */
@QueryHandler(GetReferralQuery)
export class GetReferralHandler implements IQueryHandler<GetReferralQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: PersonAccessService,
  ) {}

  async execute({ referralId, actor, now }: GetReferralQuery) {
    const view = referralView(await this.store.readStream(referralStream(referralId)));
    const viewer = actor.organisationId;
    if (!view || (view.from !== viewer && view.to !== viewer)) {
      throw notFound('REFERRAL.NOT_FOUND', 'No such referral is visible to you.');
    }
    const [{ state: caseState, personal }, stillOpen] = await Promise.all([
      loadCaseSnapshot(this.store, view.caseId),
      referralOpen(this.store, view),
    ]);
    const referral = { ...view, open: stillOpen };
    const person = await this.access.view(
      { viewer, caseState, personal, referral, now },
      { keyId: actor.keyId, personId: actor.personId ?? null, via: 'referral' },
    );
    // Free text may speak of her: the receiver reads it only while a referral consent still names it and the referral is open to it.
    const textVisible = this.access.textVisibleTo(viewer, caseState, now, stillOpen);
    const open = (sealed: string | null) => (textVisible ? this.access.openText(caseState, sealed) : Promise.resolve(null));
    const { sealed, ...rest } = view;
    return {
      ...rest,
      message: await open(sealed.message),
      notes: await Promise.all(sealed.notes.map(async (n) => ({ by: n.by, event: n.type, note: await open(n.note) }))),
      person: person.person,
      visibleCategories: person.categories,
      erased: person.erased,
    };
  }
}
