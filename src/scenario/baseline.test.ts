import { describe, expect, it } from 'vitest';
import { baselineOf, leaderName } from './baseline';
import { defaultScenario, type Scenario } from './schema';

/** The fields in which two scenarios differ. */
const changed = (a: Scenario, b: Scenario) => Object.keys(a).filter((k) => a[k as keyof Scenario] !== b[k as keyof Scenario]);

describe('a run’s baseline', () => {
  // Every environment's baseline is a valid scenario with the seed kept (the conformance suite); these are what each switches.
  it('keeps the seed and every other field, switching only the leader off (and, for the market maker, its own baselines)', () => {
    const expected: Partial<Record<Scenario['env'], [string[], string]>> = {
      'entrance-tobin': [['leader'], 'none'],
      'entrance-diff': [['leader'], 'none'],
      cobweb: [['leader'], 'none'],
      cournot: [['leader'], 'none'],
      'supply-chain': [['leader'], 'none'],
      'tax-economy': [['leader'], 'none'],
      'market-maker': [['leader', 'baselines'], 'fixed'],
    };
    for (const [env, [fields, leader]] of Object.entries(expected) as [Scenario['env'], [string[], string]][]) {
      const run = { ...defaultScenario(env), seed: 7 } as Scenario;
      const { scenario } = baselineOf(run);
      expect(changed(run, scenario), env).toEqual(fields);
      expect(scenario.leader, env).toBe(leader);
    }
  });

  it('describes the baseline in plain words, naming the fixed ω the market maker is held at', () => {
    expect(baselineOf(defaultScenario('entrance-tobin')).description).toBe('The same traders, same seed, with no Tobin tax (τ = 0 in every market).');
    expect(baselineOf(defaultScenario('tax-economy')).description).toMatch(/no government: no taxes and no transfers \(the free market\)/);
    const mm = { ...defaultScenario('market-maker'), omega: 0.25 } as Scenario;
    expect(baselineOf(mm).description).toMatch(/one fixed ω = 0\.25 instead of a distribution over ω/);
    expect(baselineOf(mm).against).toBe('at fixed ω = 0.25');
  });

  it('says the lines coincide when the run has the baseline’s leader already', () => {
    const untaxed = { ...defaultScenario('entrance-tobin'), leader: 'none' } as Scenario;
    expect(baselineOf(untaxed).description).toMatch(/the two lines coincide\.$/);
    expect(baselineOf(defaultScenario('entrance-tobin')).description).not.toMatch(/coincide/);
  });

  it('names the run’s leader with its fixed theta', () => {
    expect(leaderName(defaultScenario('entrance-tobin'))).toBe('Learned tax');
    expect(leaderName({ ...defaultScenario('entrance-tobin'), leader: 'fixed', tau: 0.03 } as Scenario)).toBe('Fixed tax τ = 0.03');
    expect(leaderName({ ...defaultScenario('cobweb'), leader: 'fixed' } as Scenario)).toBe('Fixed λ_i ~ N(0.2, 0.05)');
    expect(leaderName(defaultScenario('market-maker'))).toBe('Maximum-entropy ω');
    expect(leaderName(defaultScenario('entrance-diff'))).toBe('Fairness tax');
  });
});
