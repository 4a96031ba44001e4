import type { Service } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/**
 * A referral, generalised: month, service, receiving organisation (for its kind), outcome, and the
 * whole days it took to be answered. Counted only through a case whose research consent is active.
 */
export interface ResearchReferralRow {
  referralId: string;
  caseId: string;
  month: string;
  service: Service;
  receiver: string;
  outcome: string;
  /** Calendar day it was made (to count the days to its answer); never returned. */
  madeOn: string;
  responseDays: number | null;
  delayBand: string;
  lastPosition: bigint;
}

export const ResearchReferralEntity = new EntitySchema<ResearchReferralRow>({
  name: 'ResearchReferral',
  tableName: 'research_referrals',
  columns: {
    referralId: { name: 'referral_id', type: 'uuid', primary: true },
    caseId: { name: 'case_id', type: 'uuid' },
    month: { type: 'text' },
    service: { type: 'text' },
    receiver: { type: 'text' },
    outcome: { type: 'text' },
    madeOn: { name: 'made_on', type: 'text' },
    responseDays: { name: 'response_days', type: 'int', nullable: true },
    delayBand: { name: 'delay_band', type: 'text' },
    lastPosition: positionColumn('last_position'),
  },
});
