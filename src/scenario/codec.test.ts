import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec';
import { defaultScenario, ENV_IDS, scenarioSchema, type EntranceScenario, type Scenario } from './schema';
import { parseScenario, ScenarioError } from './validate';
import { APP_VERSION } from '../version';

/** The market entrance scenario a link decoded to (the tests' links are all of that environment). */
function entrance(s: Scenario): EntranceScenario {
  if (s.env !== 'entrance-tobin') throw new Error(`expected an entrance-tobin scenario, got ${s.env}`);
  return s;
}

describe('scenario link codec', () => {
  it('round-trips every field of a non-default scenario exactly', () => {
    const s = scenarioSchema.parse({ env: 'entrance-tobin', seed: 42, n: 20, c: 0.35, leader: 'fixed', tau: 0.07, followerLr: 0.0005, markets: 3 });
    const { scenario, problems } = decodeScenario(`#${encodeScenario(s)}`);
    expect(problems).toEqual([]);
    expect(scenario).toEqual(s);
  });

  it('carries the scenario version and the version of the lab that made it', () => {
    expect(encodeScenario(defaultScenario())).toMatch(new RegExp(`^v=1&app=${APP_VERSION.replaceAll('.', '\\.')}&env=`));
  });

  it("tells the reader which lab made a link from another version, and reads it as before", () => {
    const s = scenarioSchema.parse({ env: 'cobweb', seed: 4 });
    const older = encodeScenario(s).replace(`app=${APP_VERSION}`, 'app=0.0.7');
    const { scenario, problems, notes } = decodeScenario(older);
    expect(scenario).toEqual(s);
    expect(problems).toEqual([]);
    expect(notes).toEqual([`This link was made with ADAGE Lab 0.0.7; this is ${APP_VERSION}.`, "Its scenario format (v=1) is this lab's, so every field reads as it did."]);
    // Its own version and links from before versions were carried: nothing to say.
    expect(decodeScenario(encodeScenario(s)).notes).toEqual([]);
    expect(decodeScenario('v=1&env=cobweb&seed=4').notes).toEqual([]);
  });

  it('an empty link is the default scenario without complaint', () => {
    expect(decodeScenario('')).toEqual({ scenario: defaultScenario(), problems: [], notes: [] });
  });

  it('names each bad field, falls back to its default and keeps the good fields', () => {
    const decoded = decodeScenario('#v=1&n=abc&c=7&seed=9&leader=king&hidden=3.5');
    const { problems } = decoded;
    const scenario = entrance(decoded.scenario);
    expect(scenario.seed).toBe(9);
    expect(scenario.n).toBe(10);
    expect(scenario.c).toBe(0.6);
    expect(scenario.leader).toBe('ppo');
    expect(scenario.hidden).toBe(64);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField.n).toBe('n (traders per market) must be a whole number from 2 to 1000, got "abc"; using the default 10');
    expect(byField.c).toBe('c (capacity as a share of traders, C = c n) must be a number from 0 to 1, got 7; using the default 0.6');
    expect(byField.leader).toContain('must be one of ppo, bayesopt, fixed, none, got "king"');
    expect(byField.hidden).toContain('must be a whole number from 4 to 512, got 3.5');
    expect(problems).toHaveLength(4);
  });

  it('reports a cross-field conflict on the field it falls back', () => {
    const { scenario: decoded, problems } = decodeScenario('tauMin=0.09&tauMax=0.02');
    const scenario = entrance(decoded);
    expect(problems.map((p) => p.message)).toEqual(['tauMin (0.09) must not exceed tauMax (0.02); using the default tauMin = 0']);
    expect(scenario.tauMin).toBe(0);
    expect(scenario.tauMax).toBe(0.02);
  });

  it('explains links from a newer version and unknown fields and environments', () => {
    const { problems } = decodeScenario('v=7&env=stock-market&warp=9');
    expect(problems.map((p) => p.field)).toEqual(['v', 'env', 'warp']);
    expect(problems[0].message).toContain('newer version of the lab (v=7)');
    expect(problems[1].message).toContain('unknown environment "stock-market"');
  });

  it("keeps entrance-diff's field v (the stay-out payoff) apart from the link's version v (it overwrote it)", () => {
    const s = scenarioSchema.parse({ env: 'entrance-diff', v: 0.5 });
    const link = encodeScenario(s);
    expect(link).toMatch(/^v=1&app=[^&]+&env=entrance-diff&.*&v=0\.5&/);
    expect(decodeScenario(link)).toEqual({ scenario: s, problems: [], notes: [] });
    expect(decodeScenario(link, 'strict').scenario).toEqual(s);
    // A link made before: the payoff stood in the version's place, and the version was 1.
    expect(decodeScenario('v=2.5&app=0.1.0&env=entrance-diff&n=20')).toEqual({ scenario: scenarioSchema.parse({ env: 'entrance-diff', v: 2.5, n: 20 }), problems: [], notes: [] });
    // Other environments have no field v: one is the link's version, and a bad one is named as that.
    expect(decodeScenario('v=0.5&env=cobweb').problems.map((p) => p.field)).toEqual(['v']);
  });

  it('reads a key given twice once, the last time, env too, and names each such key', () => {
    expect(decodeScenario('env=cobweb&n=3&v=1&env=entrance-diff&n=20&v=0.5')).toEqual({
      scenario: scenarioSchema.parse({ env: 'entrance-diff', n: 20, v: 0.5 }),
      problems: [
        { field: 'env', message: 'env is given 2 times ("cobweb", "entrance-diff"); using the last, "entrance-diff"' },
        { field: 'n', message: 'n is given 2 times ("3", "20"); using the last, "20"' },
      ],
      notes: [],
    });
    // entrance-diff's link carries v twice (the version, then the field): a third is one too many.
    expect(decodeScenario('v=1&env=entrance-diff&v=0.5').problems).toEqual([]);
    expect(decodeScenario('v=1&env=entrance-diff&v=0.5&v=0.6').problems.map((p) => p.message)).toEqual(['v is given 3 times ("1", "0.5", "0.6"); using the last, "0.6"']);
    expect(() => decodeScenario('v=1&env=cobweb&seed=2&seed=2', 'strict')).toThrow('seed is given 2 times ("2", "2"); give it once');
  });

  it('reads decimal numbers only: hexadecimal, binary, a plus sign, spaces and an underflow to 0 are named and the field falls back', () => {
    const { scenario, problems } = decodeScenario('v=1&env=entrance-tobin&n=0x10&markets=0b101&horizon=%2B20&hidden=%2020%20&c=1e-400&seed=7');
    expect(problems.map((p) => p.message).sort()).toEqual([
      'c (capacity as a share of traders, C = c n) must be a number from 0 to 1, got "1e-400"; using the default 0.6',
      'hidden (units in each of the 2 hidden layers) must be a whole number from 4 to 512, got " 20 "; using the default 64',
      'horizon (steps per episode) must be a whole number from 8 to 1024, got "+20"; using the default 128',
      'markets (parallel markets) must be a whole number from 1 to 64, got "0b101"; using the default 8',
      'n (traders per market) must be a whole number from 2 to 1000, got "0x10"; using the default 10',
    ]);
    expect(entrance(scenario)).toMatchObject({ n: 10, markets: 8, horizon: 128, hidden: 64, c: 0.6, seed: 7 });
  });

  it('judges the memory rule on the values that will be used: a refused size never resets a good one (issue 22)', () => {
    const good = { n: '20', markets: '8', horizon: '128', hidden: '64' };
    for (const [key, bad] of [['horizon', '1000000000'], ['horizon', '1e308'], ['markets', '1e308'], ['hidden', '1e308'], ['n', '1000000']] as const) {
      const link = new URLSearchParams({ v: '1', env: 'entrance-tobin', seed: '2', ...good, [key]: bad });
      const { scenario, problems } = decodeScenario(link.toString());
      expect(problems.map((p) => p.field), `${key}=${bad}`).toEqual([key]);
      expect(problems[0].message, `${key}=${bad}`).toMatch(new RegExp(`^${key} \\(.*\\) must be a whole number from \\d+ to \\d+, got ${String(Number(bad)).replace('+', '\\+')}; using the default \\d+$`));
      const s = entrance(scenario);
      const defaults = entrance(defaultScenario('entrance-tobin'));
      expect({ n: s.n, markets: s.markets, horizon: s.horizon, hidden: s.hidden }, `${key}=${bad}`).toEqual({ n: 20, markets: 8, horizon: 128, hidden: 64, [key]: defaults[key] });
    }
  });

  it('round-trips a differentiable-entrance scenario and names its own fields when they are bad', () => {
    const s = scenarioSchema.parse({ env: 'entrance-diff', n: 100, c: 0.4, leader: 'fixed', tau: 0.08, init: 'zeros', runs: 7, seed: 5 });
    expect(decodeScenario(`#${encodeScenario(s)}`)).toEqual({ scenario: s, problems: [], notes: [] });
    const { scenario, problems } = decodeScenario('#v=1&env=entrance-diff&n=5&init=random&leader=ppo&runs=3');
    expect(scenario).toMatchObject({ env: 'entrance-diff', n: 10, init: 'uniform', leader: 'fairness', runs: 3 });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField.n).toBe('n (N, agents) must be a whole number from 10 to 1000, got 5; using the default 10');
    expect(byField.init).toContain('must be one of zeros, uniform, got "random"');
    expect(byField.leader).toContain('must be one of none, fairness, fixed, got "ppo"');
    // Fields of the other environment are unknown here, not silently kept.
    expect(decodeScenario('#env=entrance-diff&hidden=64').problems.map((p) => p.message)).toEqual(['unknown field hidden (ignored)']);
  });

  it("names keys of Object.prototype as unknown fields, and they change no prototype", () => {
    const { scenario, problems } = decodeScenario('#v=1&env=cobweb&__proto__=1&constructor=2&toString=3&n=4');
    expect(problems.map((p) => p.message)).toEqual(['unknown field __proto__ (ignored)', 'unknown field constructor (ignored)', 'unknown field toString (ignored)']);
    expect(scenario).toEqual(scenarioSchema.parse({ env: 'cobweb', n: 4 }));
    expect(Object.getPrototypeOf(scenario)).toBe(Object.prototype);
  });

  it('reads -0 as 0, which is what a link of the scenario says', () => {
    const s = decodeScenario('env=entrance-tobin&c=-0&tauMin=-0').scenario;
    expect(Object.is(s.env === 'entrance-tobin' && s.c, 0)).toBe(true);
    expect(decodeScenario(encodeScenario(s)).scenario).toEqual(s);
    expect(Object.is((parseScenario(JSON.parse('{"env": "cobweb", "mu": -0}'), 'strict').scenario as Record<string, unknown>).mu, 0)).toBe(true);
  });

  it("refuses a cobweb targetData that is not compressed prices, even unused (a lone surrogate cannot be linked)", () => {
    const { scenario, problems } = parseScenario({ env: 'cobweb', target: 'synthetic', targetData: 'ab\ud800' }, 'lenient');
    expect(problems).toEqual([{ field: 'targetData', message: 'targetData (observed prices, at most 5000, compressed): compressed prices hold only letters, digits, +, - and $, got "ab\ud800"; using the default ""' }]);
    expect(decodeScenario(encodeScenario(scenario)).scenario).toEqual(scenario);
  });

  it('never throws on malformed input', () => {
    for (const junk of ['%', '#&&&', '?v=', 'v=-1', '#c=&n=', 'c=1e999', `n=${'9'.repeat(500)}`, 'env=%3Cscript%3E']) {
      const { scenario } = decodeScenario(junk);
      expect(scenarioSchema.safeParse(scenario).success).toBe(true);
    }
  });
});

describe('strict scenario parsing (files, CLI, worker)', () => {
  it('refuses with every problem named', () => {
    expect(() => parseScenario({ env: 'entrance-tobin', n: 1, c: -1 }, 'strict')).toThrow(ScenarioError);
    try {
      parseScenario({ env: 'entrance-tobin', n: 1, c: -1 }, 'strict');
    } catch (e) {
      expect((e as ScenarioError).problems.map((p) => p.field)).toEqual(['n', 'c']);
    }
  });

  /** The messages strict parsing refuses the input with. */
  const refusal = (input: unknown): string[] => {
    try {
      parseScenario(input, 'strict');
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems.map((p) => p.message);
      throw e;
    }
    throw new Error('taken');
  };

  it('says what it refuses without the fallbacks that only lenient reading takes', () => {
    expect(refusal({ env: 'entrance-tobin', warp: 9 })).toEqual(['unknown field warp: entrance-tobin has no such field']);
    // An unknown environment is refused alone: its other fields cannot be judged against a stand-in.
    expect(refusal({ env: 'stock-market', iterationsPerAgent: 3, horizon: 5 })).toEqual([`unknown environment "stock-market"; allowed: ${ENV_IDS.join(', ')}`]);
    expect(parseScenario({ env: 'stock-market' }, 'lenient').problems.map((p) => p.message)).toEqual([`unknown environment "stock-market"; allowed: ${ENV_IDS.join(', ')}; using entrance-tobin`]);
    try {
      decodeScenario('v=7&env=entrance-tobin&warp=9', 'strict');
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).problems.map((p) => p.message)).toEqual(['this link is from a newer version of the lab (v=7); this lab reads v=1', 'unknown field warp: entrance-tobin has no such field']);
    }
    expect(() => decodeScenario('v=abc&env=cobweb', 'strict')).toThrow(/^link version v must be a whole number from 1, got "abc"$/);
  });

  it('refuses keys of Object.prototype, __proto__ as JSON makes it included, and pollutes nothing', () => {
    const input = JSON.parse('{"env": "tax-economy", "__proto__": {"polluted": true}, "valueOf": 1, "hasOwnProperty": 2}');
    expect(() => parseScenario(input, 'strict')).toThrow(ScenarioError);
    const { problems } = parseScenario(input, 'lenient');
    expect(problems.map((p) => p.field)).toEqual(['__proto__', 'valueOf', 'hasOwnProperty']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ends and names the field the input gave when a cross-field rule fails on a defaulted field (this hung)', () => {
    // tau takes its default 0.05, above the given tauMax: tauMax is the one to blame and drop.
    // The message cites tau, which the input never gave: it says that 0.05 is tau's default.
    expect(parseScenario({ env: 'entrance-diff', tauMax: 0.01 }, 'lenient').problems).toEqual([{ field: 'tauMax', message: 'tau (0.05) must not exceed tauMax (0.01); tau = 0.05 is the default; using the default tauMax = 0.1' }]);
    expect(() => parseScenario({ env: 'entrance-diff', tauMax: 0.01 }, 'strict')).toThrow('tau (0.05) must not exceed tauMax (0.01)');
    // A data target without data: target falls back to the synthetic one.
    const { scenario, problems } = decodeScenario('v=1&env=cobweb&target=data');
    expect(scenario).toMatchObject({ env: 'cobweb', target: 'synthetic', targetData: '' });
    expect(problems.map((p) => p.field)).toEqual(['target']);
    expect(problems[0].message).toMatch(/^target \(what to fit.*\): upload observed prices or choose the synthetic target, got "data"; using the default "synthetic"$/);
    expect(() => parseScenario({ env: 'cobweb', target: 'data' }, 'strict')).toThrow(ScenarioError);
  });

  it('names the field whatever a value is: NaN, a BigInt, a cycle, nesting deeper than the stack (these threw)', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const bad = { env: 'entrance-tobin', n: NaN, c: 10n, markets: cycle, horizon: deep, seed: Infinity };
    const byField = Object.fromEntries(parseScenario(bad, 'lenient').problems.map((p) => [p.field, p.message]));
    expect(byField.n).toBe('n (traders per market) must be a whole number from 2 to 1000, got NaN; using the default 10');
    expect(byField.c).toContain('must be a number from 0 to 1, got 10n;');
    expect(byField.markets).toContain('must be a whole number from 1 to 64, got an object;');
    expect(byField.horizon).toContain('must be a whole number from 8 to 1024, got an array;');
    expect(byField.seed).toContain('got Infinity;');
    expect(() => parseScenario(bad, 'strict')).toThrow(ScenarioError);
  });

  it('refuses a non-object', () => {
    expect(() => parseScenario([1, 2], 'strict')).toThrow('expected an object of scenario fields');
  });
});

describe('values read as their field types', () => {
  it('keeps text fields as text and reads true / false for yes-no fields', () => {
    const { scenario, problems } = decodeScenario('v=1&env=market-maker&omegas=0.5&prior=2&baselines=false&leader=prior');
    expect(problems).toEqual([]);
    expect(scenario).toMatchObject({ omegas: '0.5', prior: '2', baselines: false, leader: 'prior' });
    const back = decodeScenario(encodeScenario(scenario)).scenario;
    expect(back).toEqual(scenario);
  });
  it('names a yes-no field given something else, and says what it takes', () => {
    const { scenario, problems } = decodeScenario('v=1&env=market-maker&baselines=maybe');
    expect(scenario).toMatchObject({ env: 'market-maker', baselines: true });
    expect(problems).toEqual([{ field: 'baselines', message: 'baselines (also train one MM at each omega of the set, for comparison) must be true or false, got "maybe"; using the default true' }]);
  });

  it('names text past its field\'s length with the limit and its own length', () => {
    const prior = '1,'.repeat(120) + '1';
    expect(() => parseScenario({ env: 'market-maker', prior }, 'strict')).toThrow(
      `prior (weights over the omegas for the 'prior' leader (empty: uniform)) must be text of at most 200 characters, got "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,... (241 characters)`,
    );
  });
});
