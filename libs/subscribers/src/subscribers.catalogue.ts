import type { MessageBus } from '@passerelle/bus';
import type { EventStore } from '@passerelle/event-store';
import {
  activityProjection,
  coordinationProjection,
  directoryProjection,
  inboxProjection,
  researchProjection,
  type Projection,
} from '@passerelle/projections';
import { outboxProjection } from '@passerelle/webhooks';
import { RELAY_CHECKPOINT, relayProjection } from './relay.projection';
import { PLACE_REQUEST_PROCESS, placeRequestProcess } from './place-requests/place-request.process';

/** The service that runs a subscriber (`npm start` runs all of them in one process). */
export type SubscriberService = 'projector' | 'relay' | 'webhook-dispatcher';

export type SubscriberKind = 'read-model' | 'webhook-outbox' | 'relay' | 'process-manager';

/** What a subscriber needs besides the event store and the read-model database. */
export interface SubscriberDependencies {
  /** The relay's; only the relay service opens one. */
  bus?: MessageBus;
  /** A process manager's: it appends the events its subscription calls for. */
  store?: EventStore;
}

/**
 * A checkpointed subscriber of the event store: a ProjectionRunner (libs/projections/src/runner)
 * feeds it from its checkpoint, a row of `projection_checkpoints` named after it.
 */
export interface SubscriberDeclaration {
  name: string;
  service: SubscriberService;
  /**
   * What it keeps up to date: a read model's tables, the webhook outbox, the bus, or other streams
   * (a process manager appends events, and runs on its own subscription: docs/adr/0012-place-requests.md).
   */
  kind: SubscriberKind;
  create(dependencies: SubscriberDependencies): Projection;
}

/** The read models, the projector's subscribers: what `projections rebuild all` and the seed wait for. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  inboxProjection,
  directoryProjection,
  coordinationProjection,
  researchProjection,
  activityProjection,
];

/** Every subscriber of the event store, in one place: add a read model, an outbox or a relay here. */
export const SUBSCRIBERS: readonly SubscriberDeclaration[] = [
  ...ALL_PROJECTIONS.map((projection): SubscriberDeclaration => ({
    name: projection.name,
    service: 'projector',
    kind: 'read-model',
    create: () => projection,
  })),
  { name: outboxProjection.name, service: 'webhook-dispatcher', kind: 'webhook-outbox', create: () => outboxProjection },
  {
    name: PLACE_REQUEST_PROCESS,
    service: 'projector',
    kind: 'process-manager',
    create: ({ store }) => placeRequestProcess(required(store, 'the place-request process appends to the event store')),
  },
  {
    name: RELAY_CHECKPOINT,
    service: 'relay',
    kind: 'relay',
    create: ({ bus }) => relayProjection(required(bus, 'the relay publishes to a bus')),
  },
];

/** The subscribers one service runs (of one kind, if given), ready for their ProjectionRunners. */
export function subscribersOf(service: SubscriberService, dependencies: SubscriberDependencies = {}, kind?: SubscriberKind): Projection[] {
  return SUBSCRIBERS.filter((subscriber) => subscriber.service === service && (kind === undefined || subscriber.kind === kind)).map(
    (subscriber) => subscriber.create(dependencies),
  );
}

function required<T>(value: T | undefined, why: string): T {
  if (value === undefined) throw new Error(`Missing subscriber dependency: ${why}`);
  return value;
}
