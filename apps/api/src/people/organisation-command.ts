import { aggregateStream, commandEnvelope, handleCommand, type CommandContext, type StreamStateCache } from '@passerelle/command-handling';
import {
  organisationDecider,
  organisationStream,
  requireManager,
  type Actor,
  type Manager,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';

/** People and credential events are the organisation's own business: only it may see them. */
const peopleScope = (event: OrganisationEvent): Record<string, string[]> => ({ [event.data.organisationId]: [] });

/** Load, decide, append on the organisation's stream: the one path of every people and credential command. */
export function decideOnOrganisation(store: EventStore, cache: StreamStateCache, command: OrganisationCommand, context: CommandContext) {
  const stream = organisationStream(command.data.organisationId);
  return handleCommand(store, stream, command, { ...organisationDecider, envelope: commandEnvelope(context, stream, peopleScope), cache });
}

/**
 * For the queries of people and keys: the same rule as for changing them (an org_admin of the
 * organisation, or the network admin while it has none), decided on the latest events.
 */
export async function requireManagerNow(
  store: EventStore,
  actor: Actor,
  organisationId: string,
): Promise<{ manager: Manager; state: OrganisationState }> {
  const { state } = await aggregateStream(store, organisationStream(organisationId), organisationDecider);
  return { manager: requireManager(state, actor, organisationId), state };
}
