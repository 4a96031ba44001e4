import type { Response } from 'express';

/**
 * The stored answer of a retry, thrown by IdempotencyGuard (idempotency.guard.ts) so that the
 * route's handler never runs; the exception filters (ProblemFilter, apps/api/src/fhir/fhir-outcome.ts)
 * send it as it was. Its own module: the guard throws it and ProblemFilter answers it.
 */
export class IdempotentReplay extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super('answered from the Idempotency-Key record');
    this.name = 'IdempotentReplay';
  }

  /** Answers the replay on an Express response: its status, `Idempotent-Replayed: true`, the stored body. */
  send(response: Response, contentType?: string): void {
    response.status(this.statusCode).setHeader('Idempotent-Replayed', 'true');
    if (contentType) response.setHeader('Content-Type', contentType);
    response.json(this.body);
  }
}
