/** k never goes below this, whatever the configuration says: smaller cells could single a woman out. */
export const RESEARCH_MIN_K = 5;
export const RESEARCH_DEFAULT_K = 10;
export const RESEARCH_DEFAULT_EPSILON_BUDGET = 5;

export interface ResearchSettings {
  /** Cells counting fewer rows than this are never published. */
  k: number;
  /** Total ε each researcher key may spend on noisy answers, ever. */
  epsilonBudget: number;
}

/**
 * PASSERELLE_RESEARCH_K (integer ≥ 5, default 10) and PASSERELLE_RESEARCH_EPSILON_BUDGET (> 0,
 * default 5). A wrong value stops the start with a message naming the variable: a typo must never
 * quietly weaken disclosure control.
 */
export function researchSettings(env: Record<string, string | undefined>): ResearchSettings {
  const problems: string[] = [];
  const rawK = env.PASSERELLE_RESEARCH_K?.trim();
  const k = rawK ? Number(rawK) : RESEARCH_DEFAULT_K;
  if (!Number.isInteger(k) || k < RESEARCH_MIN_K || k > 1000)
    problems.push(`PASSERELLE_RESEARCH_K must be an integer from ${RESEARCH_MIN_K} to 1000 (got "${rawK}")`);
  const rawBudget = env.PASSERELLE_RESEARCH_EPSILON_BUDGET?.trim();
  const epsilonBudget = rawBudget ? Number(rawBudget) : RESEARCH_DEFAULT_EPSILON_BUDGET;
  if (!(epsilonBudget > 0) || epsilonBudget > 1000)
    problems.push(`PASSERELLE_RESEARCH_EPSILON_BUDGET must be a number above 0 and at most 1000 (got "${rawBudget}")`);
  if (problems.length > 0) throw new Error(`Invalid research configuration: ${problems.join('; ')}`);
  return { k, epsilonBudget };
}
