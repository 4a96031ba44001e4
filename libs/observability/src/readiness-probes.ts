import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<unknown>;

/**
 * What /health asks before calling a service ready. Each module registers the dependency it
 * brings, e.g. the relay its bus: `probes.register('bus', () => bus.ping())`. A check that
 * throws or rejects makes the service not ready (HTTP 503) without saying why to the caller.
 */
@Injectable()
export class ReadinessProbes {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
