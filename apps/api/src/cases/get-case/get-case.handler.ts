import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, type CaseState, type Consent, type ConsentCategory } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { InboxQuery, INBOX_PROJECTION_NAME, waitForCheckpoint } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { PersonAccessService } from '../../shared/person-access';
import { referralOpenById } from '../../shared/referral-standing';
import { loadCaseSnapshot, type CaseSnapshot } from '../case-snapshot';
import { WITHDRAWAL_REASON_LABEL } from '../withdraw-consent/withdrawal-reason';
import { GetCaseQuery } from './get-case.query';

/**
 * A case as one partner may see it: the holder sees everything it recorded; a partner she consented
 * to, or one she was referred to, sees the categories consent covers now; anyone else gets 404.
 */
@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly inbox: InboxQuery,
    private readonly access: PersonAccessService,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(APP_CONFIG) private readonly settings: RuntimeSettings,
  ) {}

  async execute({ caseId, actor, now, minPosition }: GetCaseQuery) {
    const viewer = actor.organisationId;
    // Referrals are found through the inbox projection: a receiver told of a new referral may wait for it.
    if (minPosition !== undefined)
      await waitForCheckpoint(this.readModel, INBOX_PROJECTION_NAME, minPosition, this.settings.readYourWritesTimeoutMs);
    const snapshot = await loadCaseSnapshot(this.store, caseId);
    const { state } = snapshot;
    if (state.status === 'none') throw hidden();
    // Anyone but the holder sees her through referrals the inbox lists: it must know every referral
    // written before this read, so that one just withdrawn (or placed elsewhere) already counts.
    if (minPosition === undefined && state.holder !== viewer) {
      await waitForCheckpoint(
        this.readModel,
        INBOX_PROJECTION_NAME,
        await this.store.headPosition(),
        this.settings.readYourWritesTimeoutMs,
      );
    }
    const referral = await this.receivedReferral(caseId, viewer);
    const categories = this.access.categoriesFor({ viewer, caseState: state, referral, now });
    const isHolder = state.holder === viewer;
    if (!isHolder && !referral && categories.length === 0) throw hidden();
    const person = await this.access.view(
      { viewer, caseState: state, personal: snapshot.personal, referral, now },
      { keyId: actor.keyId, personId: actor.personId ?? null, via: 'case' },
    );
    return {
      caseId,
      status: state.status,
      holder: state.holder,
      identifiedAt: snapshot.identifiedAt,
      safety: snapshot.safety,
      ageBand: snapshot.ageBand,
      ...details(state),
      ...(isHolder && state.status === 'open' ? { consents: await this.consentsOfHolder(state.consents, snapshot, state) } : {}),
      ...person,
    };
  }

  /** The holder wrote her withdrawal reasons: it alone reads them back, and only while she is not erased. */
  private consentsOfHolder(consents: readonly Consent[], snapshot: CaseSnapshot, state: CaseState) {
    return Promise.all(
      consents.map(async (consent) => ({
        ...consent,
        withdrawalReason: await this.access.openText(state, snapshot.withdrawalReasons[consent.consentId] ?? null, WITHDRAWAL_REASON_LABEL),
      })),
    );
  }

  /**
   * The referrals made to the viewer for this case, merged: their shared categories add up. Once
   * none of them opens her data any more (all withdrawn, or their place requests placed elsewhere,
   * expired or cancelled: read from the streams, so at once), the viewer sees none of her fields.
   */
  private async receivedReferral(caseId: string, viewer: string) {
    const rows = (await this.inbox.referralsOfCase(caseId)).filter((r) => r.toOrg === viewer);
    if (rows.length === 0) return undefined;
    const open = await Promise.all(rows.map((row) => referralOpenById(this.store, row.referralId)));
    const openRows = rows.filter((_, i) => open[i]);
    return {
      to: viewer,
      sharedCategories: [...new Set(openRows.flatMap((r) => r.sharedCategories))] as ConsentCategory[],
      open: openRows.length > 0,
    };
  }
}

function details(state: CaseState) {
  if (state.status !== 'open') return {};
  return { level: state.level, indicators: state.indicators, department: state.department };
}

const hidden = () => notFound('CASE.NOT_FOUND', 'No such case is visible to you.');
