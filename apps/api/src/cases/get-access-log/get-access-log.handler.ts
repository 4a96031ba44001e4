import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { aggregateStream } from '@passerelle/command-handling';
import { caseDecider, caseStream, notFound } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { AccessLogStore } from '@passerelle/privacy';
import { GetAccessLogQuery } from './get-access-log.query';

/**
 * Who opened her personal fields, for the organisation holding her case: it answers for her data
 * (and to her, if she asks). Anyone else gets the 404 of a case that does not exist. The holder
 * keeps this record after erasure: it names organisations and categories, never her.
 */
@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogStore,
  ) {}

  async execute({ caseId, actor, before, limit }: GetAccessLogQuery) {
    const { state } = await aggregateStream(this.store, caseStream(caseId), caseDecider);
    if (state.status === 'none' || state.holder !== actor.organisationId) {
      throw notFound('CASE.NOT_FOUND', 'No such case is visible to you.');
    }
    const page = await this.accessLog.listForCase(state.caseId, { before, limit });
    return {
      caseId: state.caseId,
      entries: page.entries.map((e) => ({
        readAt: e.readAt.toISOString(),
        organisationId: e.organisationId,
        keyId: e.keyId,
        personId: e.personId ?? null,
        via: e.via,
        referralId: e.referralId,
        categories: e.categories,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
