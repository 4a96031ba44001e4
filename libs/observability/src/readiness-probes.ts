import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<unknown>;

/**
 * Thrown by a check to say why the service is not ready, in words safe for anyone to read (/health
 * is public): a projection's name, never an error's text, which may quote a query or an event.
 */
export class NotReadyError extends Error {
  constructor(publicReason: string) {
    super(publicReason);
    this.name = 'NotReadyError';
  }
}

/**
 * What /health asks before calling a service ready. Each module registers the dependency it
 * brings, e.g. the relay its bus: `probes.register('bus', () => bus.ping())`. A check that
 * throws or rejects makes the service not ready (HTTP 503) without saying why to the caller,
 * unless it throws a {@link NotReadyError}.
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
