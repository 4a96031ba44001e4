import { DiscreteLaplace } from './discrete-laplace';

/** Five standard errors: a correct sampler fails these far less often than once in a million runs. */
describe('discrete Laplace noise', () => {
  const draws = (epsilon: number, sensitivity: number, n: number) => {
    const sampler = new DiscreteLaplace();
    return Array.from({ length: n }, () => sampler.sample(epsilon, sensitivity));
  };

  it.each([
    [1, 1],
    [0.5, 3],
  ])('has the discrete Laplace shape for ε=%p, Δ=%p: centred, P(0) and variance as the formula says', (epsilon, sensitivity) => {
    const n = 20_000;
    const values = draws(epsilon, sensitivity, n);
    const p = Math.exp(-epsilon / sensitivity);
    const variance = (2 * p) / (1 - p) ** 2;
    const mean = values.reduce((sum, v) => sum + v, 0) / n;
    const observedVariance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
    const zero = (1 - p) / (1 + p);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(values.filter((v) => v === 0).length / n - zero)).toBeLessThan(5 * Math.sqrt((zero * (1 - zero)) / n));
    // The sample variance of a Laplace-like law has a standard error of about variance·sqrt(5/n).
    expect(Math.abs(observedVariance - variance)).toBeLessThan(5 * variance * Math.sqrt(5 / n));
  });

  it('is symmetric: as many negative as positive draws', () => {
    const n = 20_000;
    const values = draws(0.3, 1, n);
    const difference = values.filter((v) => v > 0).length - values.filter((v) => v < 0).length;
    expect(Math.abs(difference)).toBeLessThan(5 * Math.sqrt(n));
  });

  it('refuses ε ≤ 0', () => {
    expect(() => new DiscreteLaplace().sample(0, 1)).toThrow(RangeError);
  });
});
