import { researchSettings } from './research-settings';

describe('research settings', () => {
  it('defaults to k = 10 and a budget of ε = 5 per researcher', () => {
    expect(researchSettings({})).toEqual({ k: 10, epsilonBudget: 5 });
  });

  it('accepts a larger k and another budget', () => {
    expect(researchSettings({ PASSERELLE_RESEARCH_K: '20', PASSERELLE_RESEARCH_EPSILON_BUDGET: '2.5' })).toEqual({
      k: 20,
      epsilonBudget: 2.5,
    });
  });

  it.each(['4', '0', '-10', '7.5', 'ten'])('refuses k = %s: never below 5', (k) => {
    expect(() => researchSettings({ PASSERELLE_RESEARCH_K: k })).toThrow(/PASSERELLE_RESEARCH_K/);
  });

  it.each(['0', '-1', 'lots'])('refuses a budget of %s', (budget) => {
    expect(() => researchSettings({ PASSERELLE_RESEARCH_EPSILON_BUDGET: budget })).toThrow(/PASSERELLE_RESEARCH_EPSILON_BUDGET/);
  });
});
