import {
  decideOrganisation, evolveOrganisation, initialOrganisationState,
  type OrganisationCommand, type OrganisationEvent, type OrganisationState,
} from '@passerelle/domain';
import type { Decider } from '../shared/event-sourcing';

export const organisationDecider: Decider<OrganisationCommand, OrganisationState, OrganisationEvent> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};

/** The directory is public to every key holder: organisation events carry no consent-scoped data. */
export const organisationScope = (): Record<string, string[]> => ({});
