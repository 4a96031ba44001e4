import { assertNever, type CapacityDeclared, type OrganisationRegistered } from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';
import type { DirectoryOrganisationRow } from './directory-organisation.entity';

type DirectoryOrganisationEvent = OrganisationRegistered | CapacityDeclared;
export type DirectoryEvent = RecordedEvent<DirectoryOrganisationEvent['type']> & DirectoryOrganisationEvent;
export const DIRECTORY_EVENT_TYPES = ['OrganisationRegistered', 'CapacityDeclared'] as const;

/** Pure: an organisation's directory entry after one more event; the same row when nothing changes. */
export function evolveDirectoryOrganisation(row: DirectoryOrganisationRow | null, event: DirectoryEvent): DirectoryOrganisationRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const at = new Date(event.metadata.occurredAt);
  switch (event.type) {
    case 'OrganisationRegistered': {
      if (row) return row;
      const { organisationId, name, kind, department, services, contact } = event.data;
      return {
        organisationId,
        name,
        kind,
        department,
        services: [...services],
        contact: contact ?? null,
        capacity: {},
        registeredAt: at,
        updatedAt: at,
        lastPosition: event.globalPosition,
      };
    }
    case 'CapacityDeclared': {
      if (!row) return row;
      const { service, total, available } = event.data;
      return {
        ...row,
        capacity: { ...row.capacity, [service]: { total, available, declaredAt: at.toISOString() } },
        updatedAt: at,
        lastPosition: event.globalPosition,
      };
    }
    default:
      return assertNever(event, 'directory event');
  }
}
