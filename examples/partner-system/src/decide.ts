/**
 * The partner's rule, in one pure function so it can be read, tested and changed alone: a referral
 * is declined `no_capacity` when we declared no free place for its service (a declared capacity
 * with `available: 0`), and accepted otherwise, including for a service whose places we do not count.
 */
export interface DeclaredCapacity {
  service: string;
  total: number;
  available: number;
}

export type Decision = { action: 'accept' } | { action: 'decline'; reason: 'no_capacity' };

export function decide(service: string, capacity: readonly DeclaredCapacity[]): Decision {
  const declared = capacity.find((entry) => entry.service === service);
  return declared && declared.available <= 0 ? { action: 'decline', reason: 'no_capacity' } : { action: 'accept' };
}
