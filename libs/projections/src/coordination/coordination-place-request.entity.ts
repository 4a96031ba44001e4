import type { PlaceRequestStatus, Service, Urgency } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/**
 * A place request as the coordination view counts it (docs/adr/0012-place-requests.md): where (her
 * case's département), what, when it was made and how it ended. No recipient list, no message.
 */
export interface CoordinationPlaceRequestRow {
  placeRequestId: string;
  caseId: string;
  fromOrg: string;
  service: Service;
  urgency: Urgency;
  /** Her case's département, copied from coordination_cases when the row is made (coordination-place-requests.ts). */
  department: string;
  status: PlaceRequestStatus;
  recipients: number;
  madeAt: Date;
  placedAt: Date | null;
  expiredAt: Date | null;
  cancelledAt: Date | null;
  /** 1 for her first place request, 2 for the next one…: how many rounds of shelters she needed. Derived per batch. */
  round: number | null;
  madePosition: bigint;
  lastPosition: bigint;
}

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });

export const CoordinationPlaceRequestEntity = new EntitySchema<CoordinationPlaceRequestRow>({
  name: 'CoordinationPlaceRequest',
  tableName: 'coordination_place_requests',
  columns: {
    placeRequestId: { name: 'place_request_id', type: 'uuid', primary: true },
    caseId: { name: 'case_id', type: 'uuid' },
    fromOrg: { name: 'from_org', type: 'text' },
    service: { type: 'text' },
    urgency: { type: 'text' },
    department: { type: 'text' },
    status: { type: 'text' },
    recipients: { type: 'integer' },
    madeAt: { name: 'made_at', type: 'timestamptz' },
    placedAt: at('placed_at'),
    expiredAt: at('expired_at'),
    cancelledAt: at('cancelled_at'),
    round: { type: 'integer', nullable: true },
    madePosition: positionColumn('made_position'),
    lastPosition: positionColumn('last_position'),
  },
});
