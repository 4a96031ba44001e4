import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CONSENT_CATEGORIES, type ConsentCategory } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { AccessLogStore } from '@passerelle/privacy';
import {
  accessByOrganisation,
  RECEIPT_TIME_ZONE,
  receiptReference,
  renderAccessReport,
  type AccessReportData,
  type AccessReportDay,
} from '@passerelle/receipts';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { documentLanguage, languageOf, loadHeldCase, receiptOrganisation, smsFor } from '../her-documents';
import { GetAccessReportQuery } from './get-access-report.query';

/** Lines of her report (organisation × day × categories): years of daily reads by a dozen organisations. */
const MAX_LINES = 10_000;

/**
 * Her access report (GDPR art. 15), for the organisation holding her case to hand her: every
 * organisation that opened her data, when and which categories, from the append-only access log
 * (libs/privacy/src/access-log). Like the log, it stays available after erasure: it names
 * organisations and categories, never her.
 */
@QueryHandler(GetAccessReportQuery)
export class GetAccessReportHandler implements IQueryHandler<GetAccessReportQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogStore,
    private readonly organisations: RegisteredOrganisations,
  ) {}

  async execute({ caseId, actor, language, now }: GetAccessReportQuery) {
    const held = await loadHeldCase(this.store, caseId, actor);
    const { days: logged, complete } = await this.accessLog.readsByDay(held.state.caseId, {
      timeZone: RECEIPT_TIME_ZONE,
      limit: MAX_LINES,
    });
    const names = new Map<string, string>();
    for (const id of new Set(logged.map((d) => d.organisationId))) names.set(id, (await receiptOrganisation(this.organisations, id)).name);
    const days: AccessReportDay[] = logged.map((d) => ({
      day: d.day,
      organisationId: d.organisationId,
      name: names.get(d.organisationId) ?? d.organisationId,
      // The log records the organisation's key; a role appears here once it records people.
      role: null,
      categories: CONSENT_CATEGORIES.filter((c): c is ConsentCategory => d.categories.includes(c)),
      times: d.times,
      firstAt: d.firstAt.toISOString(),
      lastAt: d.lastAt.toISOString(),
    }));
    const data: AccessReportData = {
      caseId: held.state.caseId,
      reference: receiptReference(held.state.caseId),
      issuedAt: now.toISOString(),
      holder: await receiptOrganisation(this.organisations, held.state.holder),
      days,
    };
    const chosen = documentLanguage(language, held.events);
    const { document, sms } = renderAccessReport(data, chosen);
    return {
      ...data,
      organisations: accessByOrganisation(days),
      complete,
      ...languageOf(chosen),
      document,
      sms: smsFor(sms, held.safety),
    };
  }
}
