import { ProjectionLeader, type ProjectionLeaderOptions } from './projection-leader';
import type { ProjectionRunner } from './projection-runner';

/** What the projector reports per projection (the metrics' ProjectionSample). */
export interface LeadProjectionSample {
  name: string;
  lag: bigint | undefined;
  checkpoint: bigint;
  leading: boolean;
  /** See ProjectionStatus.failed. */
  failed: boolean;
  consecutiveFailures: number;
}

/**
 * The projector's runners, each started only while this instance leads its projection: several
 * projector instances share the projections, one leader each, and a follower takes over within
 * about `intervalMs` of a leader's death.
 */
export class ProjectionLeaders {
  private readonly leaders: ProjectionLeader[];

  constructor(
    private readonly runners: readonly { name: string; runner: ProjectionRunner }[],
    connectionString: string,
    options: Pick<ProjectionLeaderOptions, 'intervalMs' | 'logger'> = {},
  ) {
    this.leaders = runners.map(
      ({ name, runner }) =>
        new ProjectionLeader({ ...options, connectionString, name, lead: () => runner.start(), resign: () => runner.stop() }),
    );
  }

  /** Resolves after each projection's first attempt at the lock. */
  async start(): Promise<void> {
    await Promise.all(this.leaders.map((leader) => leader.start()));
  }

  /** Stops every runner that leads (each commits and stores its checkpoint), then releases the locks. */
  async stop(): Promise<void> {
    await Promise.all(this.leaders.map((leader) => leader.stop()));
  }

  leading(): string[] {
    return this.runners.filter((_, index) => this.leaders[index]?.isLeading).map(({ name }) => name);
  }

  /** One sample per projection, also for the members of a group that runs under one leader. */
  async samples(): Promise<LeadProjectionSample[]> {
    const perRunner = await Promise.all(
      this.runners.map(({ runner }, index) => runnerSamples(runner, this.leaders[index]?.isLeading ?? false)),
    );
    return perRunner.flat();
  }
}

/** The samples of one runner's projections, for a runner that runs without a leader (`leading`: it runs here). */
export async function runnerSamples(runner: ProjectionRunner, leading: boolean): Promise<LeadProjectionSample[]> {
  return (await runner.memberStatuses()).map((status) => ({
    name: status.name,
    lag: status.lag,
    checkpoint: status.checkpoint,
    leading,
    failed: status.failed,
    consecutiveFailures: status.consecutiveFailures,
  }));
}
