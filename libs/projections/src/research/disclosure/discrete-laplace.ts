import { randomInt } from 'node:crypto';

/** Uniform integer in [0, max): node:crypto by default, a stub only in tests of the arithmetic. */
export type UniformInt = (max: number) => number;
const cryptoUniform: UniformInt = (max) => randomInt(max);

/** ε is accepted with at most this many decimals, so that every probability below is an exact ratio of integers. */
export const EPSILON_SCALE = 1000;

/**
 * Exact sampler of the discrete Laplace distribution P(y) ∝ exp(−|y|·ε/Δ), after Canonne, Kamath
 * and Steinke, "The Discrete Gaussian for Differential Privacy" (2020), algorithms 1 and 2: only
 * integer draws from a cryptographic source and exact rational comparisons, never a floating
 * point logarithm, whose rounding leaks which values were sampled (Mironov 2012).
 */
export class DiscreteLaplace {
  constructor(private readonly uniform: UniformInt = cryptoUniform) {}

  /** Noise for a count whose sensitivity is `sensitivity` at privacy loss `epsilon` (≤ 3 decimals). */
  sample(epsilon: number, sensitivity: number): number {
    const s = Math.round(epsilon * EPSILON_SCALE);
    const t = sensitivity * EPSILON_SCALE;
    if (!Number.isInteger(sensitivity) || sensitivity < 1 || s < 1)
      throw new RangeError('ε must be > 0 and the sensitivity a positive integer');
    for (;;) {
      const u = this.uniform(t);
      if (!this.bernoulliExp(u, t)) continue;
      let v = 0;
      while (this.bernoulliExp(1, 1)) v += 1;
      const y = Math.floor((u + t * v) / s);
      const negative = this.uniform(2) === 1;
      if (negative && y === 0) continue;
      return negative ? -y : y;
    }
  }

  /** Bernoulli(exp(−num/den)) for num/den ≥ 0. */
  private bernoulliExp(num: number, den: number): boolean {
    for (let whole = Math.floor(num / den); whole > 0; whole -= 1) if (!this.bernoulliExpAtMostOne(1, 1)) return false;
    return this.bernoulliExpAtMostOne(num % den, den);
  }

  /** Bernoulli(exp(−γ)) for γ = num/den in [0, 1]: count successes of Bernoulli(γ/k); odd stop index ⇒ 1. */
  private bernoulliExpAtMostOne(num: number, den: number): boolean {
    let k = 1;
    while (this.uniform(den * k) < num) k += 1;
    return k % 2 === 1;
  }
}
