import { assertNever } from '@passerelle/domain';
import type { CoordinationOrganisationRow } from './coordination-organisation.entity';
import type { CoordinationOrganisationEvent } from './coordination.events';

/** Pure: an organisation's kind, place and declared capacity after one more event. */
export function evolveCoordinationOrganisation(
  row: CoordinationOrganisationRow | null,
  event: CoordinationOrganisationEvent,
): CoordinationOrganisationRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const lastPosition = event.globalPosition;
  switch (event.type) {
    case 'OrganisationRegistered': {
      if (row) return row;
      const { organisationId, kind, department, services } = event.data;
      return { organisationId, kind, department, services: [...services], capacity: {}, lastPosition };
    }
    case 'CapacityDeclared': {
      if (!row) return row;
      const { service, total, available } = event.data;
      return {
        ...row,
        capacity: { ...row.capacity, [service]: { total, available, declaredAt: new Date(event.metadata.occurredAt).toISOString() } },
        lastPosition,
      };
    }
    default:
      return assertNever(event, 'coordination organisation event');
  }
}
