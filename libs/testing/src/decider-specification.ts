import type { Decider } from '@passerelle/domain';

/**
 * Given/when/then for deciders, after emmett's DeciderSpecification:
 *
 *   const spec = DeciderSpecification.for(referralDecider);
 *   spec.given([referred]).when(accept).then([accepted]);
 *   spec.given([referred]).when(acceptByStranger).thenThrows('REFERRAL.NOT_FOUND');
 *
 * `given` events are folded with `evolve` from `initialState()`; `when` runs `decide` on the result.
 * Assertions use jest's `expect`, so a failure shows a readable diff. It knows nothing of the
 * domain's error class, only that business errors carry a string `code`.
 */
/** Further checks on the thrown error, e.g. its kind or details. */
export type ErrorExpectation = (error: { code: string; kind?: unknown; details?: unknown; message: string }) => void;

export interface WhenStep<Event> {
  /** Asserts that decide returned exactly these events, in this order. */
  then(expected: Event | Event[]): void;
  /** Asserts that decide refused with this business error code (and optionally more about the error). */
  thenThrows(code: string, check?: ErrorExpectation): void;
  /** Asserts that decide accepted the command but recorded nothing. */
  thenNothingHappened(): void;
}

export interface GivenStep<Command, Event> {
  when(command: Command): WhenStep<Event>;
}

export const DeciderSpecification = {
  for<State, Command, Event>(decider: Decider<State, Command, Event>) {
    return {
      given(events: Event[] = []): GivenStep<Command, Event> {
        return {
          when(command: Command): WhenStep<Event> {
            // Folded lazily so that an exception in evolve is reported by the assertion that triggered it.
            const run = (): Event[] =>
              decider.decide(
                command,
                events.reduce((state, event) => decider.evolve(state, event), decider.initialState()),
              );
            return {
              then(expected) {
                expect(run()).toEqual(Array.isArray(expected) ? expected : [expected]);
              },
              thenThrows(code, check) {
                const error = captureError(run);
                // expect.any is typed `any`: as `unknown` it stays a matcher the object is compared with.
                expect({ code: codeOf(error), message: messageOf(error) }).toEqual({ code, message: expect.any(String) as unknown });
                check?.(error as Parameters<ErrorExpectation>[0]);
              },
              thenNothingHappened() {
                expect(run()).toEqual([]);
              },
            };
          },
        };
      },
    };
  },
};

function captureError(run: () => unknown): unknown {
  let produced: unknown;
  try {
    produced = run();
  } catch (error) {
    return error;
  }
  throw new Error(`Expected the command to be refused, but it produced: ${JSON.stringify(produced)}`);
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : `no code (${String(error)})`;
}

function messageOf(error: unknown): unknown {
  return error instanceof Error ? error.message : undefined;
}
