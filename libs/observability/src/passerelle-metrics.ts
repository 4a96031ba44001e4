import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';

/** Metrics of another thread of this process, as prom-client's JSON. */
export type RemoteMetrics = () => Promise<MetricObjectWithValues<MetricValue<string>>[]>;

/** One projection as the projector sees it, for the gauges. */
export interface ProjectionSample {
  name: string;
  /** Positions between the store's head and the checkpoint; undefined when the store did not answer. */
  lag: bigint | undefined;
  checkpoint: bigint;
  /** Whether this instance holds the projection's leader lock and runs it. */
  leading: boolean;
  /** Its last attempt failed and it has not moved since (ProjectionStatus.failed in libs/projections). */
  failed: boolean;
  /** Failures since it last moved. */
  consecutiveFailures: number;
}

/**
 * The Prometheus metrics of one app, on its own registry: several apps in one process (tests, the
 * standalone) must not register the same names twice in prom-client's global one.
 *
 * Labels are bounded sets (routes, command names, result codes, projection names, outcomes):
 * never an id, never anything from a request body.
 */
export class PasserelleMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'passerelle_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'passerelle_commands_total',
    help: 'Commands handled, by command and result code (ok, or the error code such as REFERRAL.CONSENT_MISSING)',
    labelNames: ['command', 'result'] as const,
    registers: [this.registry],
  });

  /** For the webhook dispatcher: one per delivery attempt, `outcome` delivered | failed | dead_lettered. */
  readonly webhookAttempts = new Counter({
    name: 'passerelle_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, failed, dead_lettered)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** For the webhook dispatcher: one per failed attempt, `reason` timeout | network | http_4xx | http_5xx | refused_address. */
  readonly webhookFailures = new Counter({
    name: 'passerelle_webhook_failures_total',
    help: 'Failed webhook delivery attempts by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly projectionSources: (() => Promise<ProjectionSample[]>)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const sample = () => this.sampleProjections();
    const gauge = (name: string, help: string, value: (projection: ProjectionSample) => number | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const projection of await sample()) {
            const observed = value(projection);
            if (observed !== undefined) this.set({ projection: projection.name }, observed);
          }
        },
      });
    gauge(
      'passerelle_projection_lag',
      'Positions between the event store head and the checkpoint (events with the postgres store, log bytes with EventStoreDB)',
      (projection) => (projection.lag === undefined ? undefined : Number(projection.lag)),
    );
    gauge('passerelle_projection_checkpoint', 'Last committed global position of the projection', (projection) =>
      Number(projection.checkpoint),
    );
    gauge('passerelle_projection_leader', '1 when this instance holds the projection leader lock and runs it', (projection) =>
      projection.leading ? 1 : 0,
    );
    gauge(
      'passerelle_projection_failed',
      '1 while the projection (read model, relay, webhook outbox) fails and has not moved since: /health is down meanwhile',
      (projection) => (projection.failed ? 1 : 0),
    );
    gauge(
      'passerelle_projection_consecutive_failures',
      'Failures of the projection since it last moved',
      (projection) => projection.consecutiveFailures,
    );
  }

  private readonly remotes: RemoteMetrics[] = [];

  /** Each service hands its runners here (the projector, the relay, the webhook outbox); they are sampled on each scrape. */
  observeProjections(source: () => Promise<ProjectionSample[]>): void {
    this.projectionSources.push(source);
  }

  /** True once a service of this registry runs projections: /health then reports whether any is failed. */
  get observesProjections(): boolean {
    return this.projectionSources.length > 0;
  }

  /** Every projection of this registry's services; one that cannot be sampled is left out of this scrape. */
  async sampleProjections(): Promise<ProjectionSample[]> {
    const samples = await Promise.all(this.projectionSources.map((source) => source().catch((): ProjectionSample[] => [])));
    return samples.flat();
  }

  /** Adds another thread's metrics to every scrape (the embedded default's background thread). */
  addRemote(source: RemoteMetrics): void {
    this.remotes.push(source);
  }

  /** The Prometheus text of this registry and of every remote one. */
  async scrape(): Promise<string> {
    if (this.remotes.length === 0) return this.registry.metrics();
    const local = await this.registry.getMetricsAsJSON();
    // process_* describe the whole process, already counted by this thread: summing them would double them.
    const remote = (await Promise.all(this.remotes.map((source) => source().catch(() => [])))).map((metrics) =>
      metrics.filter((metric) => !metric.name.startsWith('process_')),
    );
    return AggregatorRegistry.aggregate([local, ...remote]).metrics();
  }
}
