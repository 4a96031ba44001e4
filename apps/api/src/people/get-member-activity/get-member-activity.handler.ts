import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { forbidden, notFound } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { AccessLogStore } from '@passerelle/privacy';
import { ActivityQuery } from '@passerelle/projections';
import { DeliveryLog } from '@passerelle/webhooks';
import { requireManagerNow } from '../organisation-command';
import { GetMemberActivityQuery } from './get-member-activity.query';

/**
 * What one of the organisation's people opened (the access log: which case, which categories,
 * through which route) and did (the events she appended, the webhook actions she took), newest
 * first, for its org_admins. Ids, types and categories only: never the women's data. A removed
 * person's activity stays reviewable. The network admin, even while onboarding, does not see it:
 * it names cases.
 */
@QueryHandler(GetMemberActivityQuery)
export class GetMemberActivityHandler implements IQueryHandler<GetMemberActivityQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly people: PeopleStore,
    private readonly accessLog: AccessLogStore,
    private readonly activity: ActivityQuery,
    private readonly webhooks: DeliveryLog,
  ) {}

  async execute({ actor, organisationId, personId, limit }: GetMemberActivityQuery) {
    const { manager } = await requireManagerNow(this.store, actor, organisationId);
    if (manager === 'onboarding')
      throw forbidden('AUTH.ORG_ADMIN_ONLY', "Only an org_admin of this organisation reviews its people's activity");
    const person = await this.people.find(personId);
    if (person?.organisationId !== organisationId) throw notFound('MEMBER.NOT_FOUND', 'No such member in this organisation');
    const [reads, events, webhookActions] = await Promise.all([
      this.accessLog.listForReader(organisationId, { personId }, { limit }),
      this.activity.forActor(organisationId, { personId }, { limit }),
      this.webhooks.actionsBy(organisationId, `person:${personId}`, limit),
    ]);
    return {
      personId,
      role: person.role,
      status: person.status,
      reads: reads.entries.map((entry) => ({
        readAt: entry.readAt.toISOString(),
        caseId: entry.caseId,
        via: entry.via,
        referralId: entry.referralId,
        categories: entry.categories,
      })),
      events: events.items,
      webhookActions: webhookActions.map(({ endpointId, action, at }) => ({ webhookId: endpointId, action, at })),
    };
  }
}
