import { expectOk, requiredField, stringField, type SeedTransport } from './seed-client';
import type { SeedStep } from './seed-steps';

/**
 * A network that expires place requests on its own clock (a running one seeded with --url) may have
 * ended a request before the seed's answer to it, written at its past instant, arrives: 409, skipped.
 */
const PLACE_REQUEST_ENDED = [409];

/** The ids of an array field the API returned. */
function arrayField(body: unknown, name: string): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An id the API will return for a ref, awaited by later steps that use it. */
class Refs {
  private readonly pending = new Map<string, { promise: Promise<string>; resolve(id: string): void; reject(error: unknown): void }>();

  private entry(ref: string) {
    let found = this.pending.get(ref);
    if (!found) {
      let resolve!: (id: string) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined); // a failed run rejects refs nobody may be waiting for
      found = { promise, resolve, reject };
      this.pending.set(ref, found);
    }
    return found;
  }

  get = (ref: string) => this.entry(ref).promise;
  set = (ref: string, id: string) => this.entry(ref).resolve(id);
  failAll = (error: unknown) => [...this.pending.values()].forEach((entry) => entry.reject(error));
}

export interface RunOptions {
  concurrency: number;
  onStep?: (done: number, total: number) => void;
}

/**
 * Replays the steps through the API in time order, a few at a time. A step waits for the steps
 * whose ids it needs (always earlier in the order, so a slot is never held waiting for a step that
 * has not started). Returns the highest event position the API reported.
 */
export async function runSteps(
  transport: SeedTransport,
  keys: ReadonlyMap<string, string>,
  steps: SeedStep[],
  options: RunOptions,
): Promise<bigint> {
  const refs = new Refs();
  const inFlight = new Set<Promise<void>>();
  let head = -1n;
  let done = 0;
  let failure: unknown = null;
  const keyOf = (organisationId: string) => {
    const key = keys.get(organisationId);
    if (!key) throw new Error(`the seed has no key for ${organisationId}`);
    return key;
  };
  const ofPlaceRequests = new Set(steps.flatMap((s) => (s.kind === 'placeRequest' ? s.referralRefs : [])));
  const endedOf = (referralRef: string) => (ofPlaceRequests.has(referralRef) ? PLACE_REQUEST_ENDED : []);
  const run = async (step: SeedStep) => {
    const send = async (what: string, path: string, body: unknown = {}, accepted: number[] = []) => {
      const response = await expectOk(transport, what, 'POST', path, { key: keyOf(step.by), body, clock: step.at }, accepted);
      const position = stringField(response.body, 'position');
      if (position !== undefined && BigInt(position) > head) head = BigInt(position);
      return response.body;
    };
    switch (step.kind) {
      case 'identify': {
        const created = await send('identify', '/v1/cases', step.body);
        refs.set(step.caseRef, requiredField(created, 'caseId', 'identify'));
        if (step.consentRef) refs.set(step.consentRef, requiredField(created, 'consentId', 'identify'));
        return;
      }
      case 'grantConsent': {
        const created = await send('grant consent', `/v1/cases/${await refs.get(step.caseRef)}/consents`, step.body);
        refs.set(step.consentRef, requiredField(created, 'consentId', 'grant consent'));
        return;
      }
      case 'withdrawConsent':
        await send('withdraw consent', `/v1/cases/${await refs.get(step.caseRef)}/consents/${await refs.get(step.consentRef)}/withdrawal`, {
          reason: 'seed',
        });
        return;
      case 'refer': {
        const created = await send('refer', '/v1/referrals', { caseId: await refs.get(step.caseRef), ...step.body });
        refs.set(step.referralRef, requiredField(created, 'referralId', 'refer'));
        return;
      }
      case 'placeRequest': {
        const created = await send('place request', '/v1/place-requests', { caseId: await refs.get(step.caseRef), ...step.body });
        refs.set(step.placeRequestRef, requiredField(created, 'placeRequestId', 'place request'));
        const referralIds = arrayField(created, 'referralIds');
        step.referralRefs.forEach((ref, i) => refs.set(ref, referralIds[i] ?? ''));
        return;
      }
      case 'cancelPlaceRequest':
        await send(
          'cancel place request',
          `/v1/place-requests/${await refs.get(step.placeRequestRef)}/cancellation`,
          {},
          PLACE_REQUEST_ENDED,
        );
        return;
      case 'accept':
        await send('accept', `/v1/referrals/${await refs.get(step.referralRef)}/acceptance`, {}, endedOf(step.referralRef));
        return;
      case 'decline':
        await send(
          'decline',
          `/v1/referrals/${await refs.get(step.referralRef)}/decline`,
          { reason: step.reason },
          endedOf(step.referralRef),
        );
        return;
      case 'withdrawReferral':
        await send('withdraw referral', `/v1/referrals/${await refs.get(step.referralRef)}/withdrawal`, { reason: 'no_longer_needed' });
        return;
      case 'close':
        await send('close', `/v1/referrals/${await refs.get(step.referralRef)}/closure`, { outcome: step.outcome });
        return;
      case 'erase':
        await send('erase', `/v1/cases/${await refs.get(step.caseRef)}/erasure`);
        return;
    }
  };
  // Her story happens in order: each step waits for the previous step of the same case, so a
  // withdrawal never overtakes the referral it follows, nor an answer the referral it answers.
  const caseOfReferral = new Map(
    steps.flatMap((s) =>
      s.kind === 'refer'
        ? [[s.referralRef, s.caseRef] as const]
        : s.kind === 'placeRequest'
          ? s.referralRefs.map((r) => [r, s.caseRef] as const)
          : [],
    ),
  );
  const chains = new Map<string, Promise<unknown>>();
  for (const step of steps) {
    if (failure) break;
    const caseRef = 'caseRef' in step ? step.caseRef : (caseOfReferral.get(step.referralRef) ?? step.referralRef);
    const previous = chains.get(caseRef) ?? Promise.resolve();
    const mine = previous.then(() => run(step));
    chains.set(
      caseRef,
      mine.catch(() => undefined),
    );
    const started: Promise<void> = mine
      .then(() => options.onStep?.(++done, steps.length))
      .catch((error: unknown) => {
        failure ??= error;
        refs.failAll(error);
      })
      .finally(() => inFlight.delete(started));
    inFlight.add(started);
    if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure instanceof Error ? failure : new Error('a seed step failed', { cause: failure });
  return head;
}
