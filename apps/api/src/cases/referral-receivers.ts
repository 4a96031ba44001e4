import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { InboxQuery, INBOX_PROJECTION_NAME, waitForCheckpoint } from '@passerelle/projections';
import type { DataSource } from 'typeorm';

/**
 * The organisations her case was referred to. The case stream does not record referrals, yet their
 * receivers may hold her data: her erasure, and the withdrawal of a consent that named
 * `any_referral_recipient`, are told to them too (libs/domain/src/scope.ts). Read from the inbox once
 * it holds every event written before, so that a referral made just before is not missed; if it
 * lags beyond the read-your-writes timeout, what it holds is used rather than refusing her erasure.
 */
@Injectable()
export class ReferralReceivers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: Pick<EventStore, 'headPosition'>,
    private readonly inbox: InboxQuery,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(APP_CONFIG) private readonly settings: Pick<RuntimeSettings, 'readYourWritesTimeoutMs'>,
  ) {}

  async of(caseId: string): Promise<string[]> {
    await waitForCheckpoint(this.readModel, INBOX_PROJECTION_NAME, await this.store.headPosition(), this.settings.readYourWritesTimeoutMs);
    return [...new Set((await this.inbox.referralsOfCase(caseId)).map((referral) => referral.toOrg))];
  }
}
