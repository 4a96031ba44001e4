import type { Projection } from '../runner/projection';
import { tablesProjection, type ReadModelTable } from '../runner/read-model-table';
import { DirectoryOrganisationEntity, type DirectoryOrganisationRow } from './directory-organisation.entity';
import { DIRECTORY_EVENT_TYPES, evolveDirectoryOrganisation, type DirectoryEvent } from './directory.evolve';

export const directoryTable: ReadModelTable<DirectoryOrganisationRow, DirectoryEvent> = {
  entity: DirectoryOrganisationEntity,
  key: 'organisationId',
  handles: DIRECTORY_EVENT_TYPES,
  keyOf: (event) => event.data.organisationId,
  evolve: evolveDirectoryOrganisation,
  creates: 'OrganisationRegistered',
};

/** The organisation directory: kinds, départements, services and declared capacity. */
export const directoryProjection: Projection = tablesProjection('directory', [directoryTable]);

export const DIRECTORY_ENTITIES = [DirectoryOrganisationEntity];
export { DIRECTORY_MIGRATIONS } from './directory.migration';
