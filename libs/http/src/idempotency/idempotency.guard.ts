import { Injectable, Logger, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { hash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../authenticated-request';
import { problem } from '../problem';
import { ProblemException } from '../problem.filter';
import { derivedIds, type IdSource } from './id-source';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentReplay } from './idempotent-replay';

export interface RequestContext {
  correlationId: string;
  /** Seed of the request's new ids: derived from the Idempotency-Key, else random (see id-source.ts). */
  idSeed: string;
  ids: IdSource;
  now: Date;
}
export type ContextualRequest = Request & AuthenticatedRequest & { context?: RequestContext };

export const SECRET_FIELDS = 'passerelle:secret-fields';
/**
 * Fields of a route's answer that are secrets shown once (an API key, a webhook secret): the stored
 * answer keeps everything else, so a replay says what was created without showing the secret again.
 */
export const SecretInResponse = (...fields: string[]) => SetMetadata(SECRET_FIELDS, fields);

export const WHOLE_ANSWER = 'passerelle:replay-whole-answer';
/**
 * The stored answer of this route keeps every field (secrets excepted), not only those of
 * {@link KEPT_FOR_REPLAY}: for answers that can hold nothing about a person, say why in `reason`
 * (an organisation's own configuration, aggregates under disclosure control).
 */
export const ReplayWholeAnswer = (reason: string) => SetMetadata(WHOLE_ANSWER, reason);

/**
 * What a stored answer keeps by default: ids, statuses, positions, counts, flags and instants,
 * none of which can carry what someone typed about her. Every other field is left out of the
 * stored copy, its name listed in `omittedOnReplay`, so no free text or personal field is kept
 * for the 24 hours of a record (docs/consent-and-privacy.md#how-erasure-works).
 */
export const KEPT_FOR_REPLAY: ReadonlySet<string> = new Set([
  'id',
  'caseId',
  'consentId',
  'referralId',
  // A place request's answer: its id and the ids of the referrals it made, one per organisation asked.
  'placeRequestId',
  'referralIds',
  'organisationId',
  'keyId',
  'role',
  'status',
  'position',
  'withdrawn',
  'erased',
  'service',
  'total',
  'available',
  'queued',
  'fromPosition',
  'toPosition',
  'since',
  'previousSecretValidUntil',
  'createdAt',
  'secretsShownOnce',
]);

/** The copy of an answer kept for its replays: secrets emptied, and only the fields this route may keep. */
export function answerToKeep(body: unknown, secrets: readonly string[], whole: boolean): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return whole ? body : null;
  const entries = Object.entries(body);
  const emptied = entries.map(([field, value]): [string, unknown] => [field, secrets.includes(field) ? null : value]);
  const kept = whole ? emptied : emptied.filter(([field]) => KEPT_FOR_REPLAY.has(field) || secrets.includes(field));
  const omitted = emptied.filter(([field]) => !kept.some(([k]) => k === field)).map(([field]) => field);
  return {
    ...Object.fromEntries(kept),
    ...(secrets.length ? { secretsShownOnce: true } : {}),
    ...(omitted.length ? { omittedOnReplay: omitted } : {}),
  };
}

/**
 * A parsed body written with its members in code-point order at every depth: the request's
 * fingerprint. A retry is the same request whatever order its serialiser wrote the members in
 * (JSON objects are unordered); with JSON.stringify as written, it was refused as a reused key.
 * The depth is bounded before parsing (input/json-body.ts), so the recursion is too.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const CORRELATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Set to `true` only for seeding and tests; see {@link requestClock}. */
export const CLOCK_OVERRIDE_FLAG = 'PASSERELLE_ALLOW_CLOCK_OVERRIDE';
export const CLOCK_HEADER = 'x-passerelle-clock';

/**
 * The request's clock. `X-Passerelle-Clock: <ISO-8601 instant>` replaces it only when the process
 * runs with PASSERELLE_ALLOW_CLOCK_OVERRIDE=true, so that the seed can write a year of history with
 * realistic delays. NEVER set that flag in production: any key holder could back-date events,
 * consents and deadlines. Without the flag the header is ignored.
 */
function requestClock(request: ContextualRequest, response: Response): Date {
  const header = request.headers[CLOCK_HEADER];
  if (process.env[CLOCK_OVERRIDE_FLAG] !== 'true' || typeof header !== 'string') return new Date();
  const at = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})$/.test(header) ? new Date(header) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw new ProblemException(
      problem(
        400,
        'CLOCK.BAD_OVERRIDE',
        'Bad clock override',
        'X-Passerelle-Clock must be an ISO-8601 instant such as 2026-03-01T09:30:00Z.',
        { errors: [{ field: 'X-Passerelle-Clock', message: 'invalid instant' }] },
      ),
    );
  }
  response.setHeader('X-Passerelle-Clock', at.toISOString()); // tells the seed the override was applied
  return at;
}

/**
 * Gives every request its clock, correlation id and id source, and makes each state-changing call
 * honour `Idempotency-Key`: the first answer is stored (reduced by {@link answerToKeep}, under the
 * key's hash, for PASSERELLE_IDEMPOTENCY_TTL) and replayed; a retry writes nothing.
 *
 * A guard, the last of the app's (apps/api/src/api.module.ts: after AuthGuard, which names the
 * caller), not an interceptor: Nest runs every route with an interceptor through rxjs and two
 * AsyncResource bindings per request, ~6 % of the API thread under load when only a few requests
 * carry a key. The answer is recorded where it is written: the guard wraps this response's `send`
 * (which `json` calls), so the record is complete before the caller reads the answer, and a refusal
 * (any status from 400, the exception filters' answers included) releases the key for a retry.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  private readonly logger = new Logger('IdempotencyGuard');

  constructor(private readonly store: IdempotencyStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ContextualRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const correlation = request.headers['x-correlation-id'];
    // Only a UUID, as libs/observability/src/log-options.ts: it is written into every event's metadata.
    const correlationId = typeof correlation === 'string' && CORRELATION_ID.test(correlation) ? correlation : randomUUID();
    const mutating = request.method === 'POST' || request.method === 'PUT' || request.method === 'DELETE';
    const actor = request.actor;
    const now = requestClock(request, response);
    // A retry is recognised per caller: her machine key, or the person signed in.
    const caller = actor?.keyId ?? (actor?.personId ? `person:${actor.personId}` : null);
    if (!mutating || key === undefined || !caller) {
      const idSeed = randomUUID();
      request.context = { correlationId, idSeed, ids: derivedIds(idSeed), now };
      return true;
    }
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemException(
        problem(
          400,
          'IDEMPOTENCY.BAD_KEY',
          'Bad Idempotency-Key',
          'Idempotency-Key must be 8–128 characters of letters, digits, and _ . : -',
          { errors: [{ field: 'Idempotency-Key', message: 'invalid format' }] },
        ),
      );
    }
    const idSeed = `${caller}|${key}`;
    request.context = { correlationId, idSeed, ids: derivedIds(idSeed), now };
    const fingerprint = hash('sha256', `${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`, 'hex');
    const claim = await this.store.claim(caller, key, fingerprint);
    if (claim.outcome === 'replay') throw new IdempotentReplay(claim.statusCode, claim.body);
    if (claim.outcome === 'mismatch') {
      throw new ProblemException(
        problem(422, 'IDEMPOTENCY.KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.'),
      );
    }
    if (claim.outcome === 'in_progress') {
      throw new ProblemException(
        problem(
          409,
          'IDEMPOTENCY.IN_PROGRESS',
          'Request in progress',
          'A request with this Idempotency-Key is still being processed; retry in a moment.',
        ),
      );
    }
    const secrets = (Reflect.getMetadata(SECRET_FIELDS, context.getHandler()) as string[] | undefined) ?? [];
    const whole = Reflect.getMetadata(WHOLE_ANSWER, context.getHandler()) !== undefined;
    this.recordOnSend(response, caller, key, (body) => answerToKeep(body, secrets, whole));
    return true;
  }

  /**
   * Wraps this response's `send` once: a success is stored (what `keep` keeps of it) and a refusal
   * releases the key, before the answer goes out. Should the record fail, the answer still goes out
   * (what it says happened) and the key is released, as for a refusal: the failure is logged.
   */
  private recordOnSend(response: Response, caller: string, key: string, keep: (body: unknown) => unknown): void {
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      response.send = send;
      const status = response.statusCode;
      const recorded = status < 400 ? this.store.complete(caller, key, status, keep(answerOf(body))) : this.store.release(caller, key);
      recorded
        .catch(async (error: unknown) => {
          this.logger.error(
            `the answer to an idempotent request was not recorded: ${error instanceof Error ? error.message : String(error)}`,
          );
          await this.store.release(caller, key).catch(() => undefined);
        })
        .finally(() => send(body));
      return response;
    };
  }
}

/** The value an answer's body stands for: `json` hands `send` its JSON text. */
function answerOf(body: unknown): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body ?? null;
  const text = body.toString();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
