import type { PlaceRequestStatus, Service, Urgency } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/**
 * A place request as the inbox needs it: its status, for the sender's rows, and whether a
 * recipient's referral still opens her data (not once the request was placed through another one,
 * expired or cancelled). Holds no recipient list: a recipient's row must never say who else was asked.
 */
export interface InboxPlaceRequestRow {
  placeRequestId: string;
  caseId: string;
  fromOrg: string;
  service: Service;
  urgency: Urgency;
  status: Exclude<PlaceRequestStatus, 'none'>;
  recipients: number;
  respondBy: Date | null;
  placedReferralId: string | null;
  placedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastPosition: bigint;
}

export const InboxPlaceRequestEntity = new EntitySchema<InboxPlaceRequestRow>({
  name: 'InboxPlaceRequest',
  tableName: 'inbox_place_requests',
  columns: {
    placeRequestId: { name: 'place_request_id', type: 'uuid', primary: true },
    caseId: { name: 'case_id', type: 'uuid' },
    fromOrg: { name: 'from_org', type: 'text' },
    service: { type: 'text' },
    urgency: { type: 'text' },
    status: { type: 'text' },
    recipients: { type: 'integer' },
    respondBy: { name: 'respond_by', type: 'timestamptz', nullable: true },
    placedReferralId: { name: 'placed_referral_id', type: 'uuid', nullable: true },
    placedBy: { name: 'placed_by', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    lastPosition: positionColumn('last_position'),
  },
});
