/**
 * Environment id -> everything the worker, the CLI and the tests need to run it: its label, the
 * scalar figures it reports, the theory lines for its charts, the run length, and the Experiment
 * that trains it. Ids are versioned by the scenario version once shared; add an entry per
 * environment.
 */
import type { EntranceDiffScenario, EnvId, Scenario, ScenarioOf } from '../scenario/schema';
import type { Experiment, IterationReport, MetricSpec, ProbeSide, ReferenceLine } from '../engine/experiment';
import { probeReportOf } from '../engine/probe/report';
import { figuresOf, StackelbergTrainer, type IterationMetrics } from '../engine/stackelberg';
import { mean } from '../engine/metrics';
import { COBWEB_METRICS, cobwebReferences } from './cobweb';
import { COURNOT_METRICS, cournotReferences } from './cournot';
import { SUPPLY_CHAIN_METRICS, supplyChainReferences } from './supply-chain';
import { TAX_ECONOMY_METRICS } from './tax-economy';
import { createMarketMakerExperiment, MARKET_MAKER_RUN_METRICS } from './market-maker/experiment';
import { fixedThetaOf, type PpoScenario } from '../engine/ppo-envs';
import { totalIterations } from './entrance-diff/config';
import { createEntranceDiffExperiment, entranceDiffReferences, ENTRANCE_DIFF_METRICS } from './entrance-diff';

export interface EnvEntry<S extends Scenario = Scenario> {
  label: string;
  /** The scalar figures of every iteration, in the order tables show them. */
  metrics: MetricSpec[];
  /** The run length in iterations. */
  iterations(s: S): number;
  /** Theory lines for the charts. */
  references(s: S): ReferenceLine[];
  experiment(s: S): Experiment;
}

/** The market entrance game's figures (StackelbergTrainer's IterationMetrics, less the snapshot). */
const ENTRANCE_METRICS: MetricSpec[] = [
  { key: 'attendance', label: 'mean attendance D (traders), over markets and steps', final: true },
  { key: 'volatility', label: 'std(D): sample std of D_t in the episode, mean over markets', final: true },
  { key: 'mapc', label: 'mean absolute percentage change of D: mean over markets and t of |D_t - D_(t-1)| / D_(t-1), steps with D_(t-1) = 0 skipped', final: true },
  { key: 'welfare', label: 'mean trader reward per step, after tax', final: true },
  { key: 'theta', label: 'tau, mean over markets', final: true },
  { key: 'thetaStd', label: 'tau, std across markets' },
  { key: 'leaderReward', label: "leader's reward, mean over markets" },
  { key: 'policyLoss', label: "followers' PPO policy loss" },
  { key: 'valueLoss', label: "followers' PPO value loss" },
  { key: 'entropy', label: "followers' policy entropy (nats)" },
  { key: 'approxKl', label: "followers' approximate KL per update" },
];

/** The cobweb market's figures: the PPO run's own, then the environment's (its report). */
const COBWEB_RUN_METRICS: MetricSpec[] = [
  ...COBWEB_METRICS,
  { key: 'welfare', label: 'mean producer reward per step (0 to 1300)' },
  { key: 'leaderReward', label: "calibrator's reward: minus the 1-Wasserstein distance of its markets' prices to the target" },
  { key: 'entropy', label: "producers' policy entropy (nats)" },
  { key: 'valueLoss', label: "producers' PPO value loss" },
];

/** The Cournot oligopoly's figures: the environment's (its report), then the PPO run's own. */
const COURNOT_RUN_METRICS: MetricSpec[] = [
  ...COURNOT_METRICS,
  { key: 'welfare', label: 'mean firm profit per step, calibrator’s markets (price units × quantity)' },
  { key: 'leaderReward', label: "calibrator's reward: minus the 1-Wasserstein distance of its markets' prices to the target" },
  { key: 'entropy', label: "firms' policy entropy (nats; log K for a uniform policy)" },
  { key: 'valueLoss', label: "firms' PPO value loss" },
];

/** The supply chain's figures: the environment's (its report), then the PPO run's. */
const SUPPLY_CHAIN_RUN_METRICS: MetricSpec[] = [
  ...SUPPLY_CHAIN_METRICS,
  { key: 'welfare', label: 'minus the mean cost per stage and week in the calibrator’s chains' },
  { key: 'leaderReward', label: "calibrator's reward: minus the 1-Wasserstein distance of its chains' factory orders to the target" },
  { key: 'entropy', label: "stages' policy entropy (nats; ln 9 = 2.197 is adjusting at random)" },
  { key: 'valueLoss', label: "stages' PPO value loss" },
];

/** A calibration's hidden parameters, as reference lines, where the target is synthetic. */
const hiddenReferences = (s: { target: string; targetMu: number; targetSigma: number }): ReferenceLine[] =>
  s.target === 'synthetic'
    ? [
        { label: 'hidden μ*', value: s.targetMu },
        { label: 'hidden σ*', value: s.targetSigma },
      ]
    : [];

/** The tax economy's figures: the environment's, then the run's. */
const TAX_ECONOMY_RUN_METRICS: MetricSpec[] = [
  ...TAX_ECONOMY_METRICS,
  { key: 'leaderReward', label: "government's reward: social welfare (minus it when adversarial), mean over its economies" },
  { key: 'entropy', label: "households' policy entropy (nats, Gaussian on the unsquashed action)" },
  { key: 'valueLoss', label: "households' PPO value loss" },
];

/**
 * The StackelbergTrainer as an Experiment: the listed figures by key (the environment's own
 * report first, then the trainer's), the episode's aggregate path and the environment's
 * snapshots.
 */
function ppoExperiment(s: PpoScenario, figures: MetricSpec[]): Experiment {
  const trainer = new StackelbergTrainer(s);
  const report = (m: IterationMetrics): IterationReport => {
    const metrics = figuresOf(m, figures.map((f) => f.key));
    return { iteration: m.iteration, metrics, snapshots: { episode: m.series, ...m.envSnapshots }, ms: m.ms };
  };
  return {
    get iterationsDone() {
      return trainer.iterationsDone;
    },
    iterate: async () => report(await trainer.iterate()),
    applyLive: (next) => trainer.setFixedTheta(fixedThetaOf(next as PpoScenario)),
    saveState: () => trainer.saveState(),
    loadState: (state) => trainer.loadState(state),
    probe: async (next) => {
      const theta = fixedThetaOf(next as PpoScenario);
      return probeReportOf(await trainer.probe(theta), theta, report);
    },
    dispose: () => trainer.dispose(),
  };
}

/**
 * Runs of one scenario with seeds seed, seed + 1, ... side by side, reported as one: each figure
 * is the mean over the runs, except welfareGovMin / welfareGovMax, the lowest and highest over
 * the runs (each already over its own economies), so the welfare band spans seeds; snapshots
 * are the first run's.
 */
function taxEconomySeeds(s: ScenarioOf<'tax-economy'>): Experiment {
  const runs = Array.from({ length: s.seeds }, (_, k) => ppoExperiment({ ...s, seed: s.seed + k }, TAX_ECONOMY_RUN_METRICS));
  const combine = (reports: IterationReport[]): IterationReport => {
    const metrics: Record<string, number> = {};
    for (const { key } of TAX_ECONOMY_RUN_METRICS) {
      const values = reports.map((r) => r.metrics[key]);
      metrics[key] = key === 'welfareGovMin' ? Math.min(...values) : key === 'welfareGovMax' ? Math.max(...values) : mean(values);
    }
    return { iteration: reports[0].iteration, metrics, snapshots: reports[0].snapshots, ms: reports.reduce((a, r) => a + r.ms, 0) };
  };
  const inTurn = async <R>(f: (e: Experiment) => Promise<R>) => {
    const out: R[] = [];
    for (const run of runs) out.push(await f(run));
    return out;
  };
  /** A probe's side over the seeds: its figures combined as an iteration's, its actions' means. */
  const combineSide = (sides: ProbeSide[]): ProbeSide => ({
    report: combine(sides.map((p) => p.report)),
    actions: { kind: sides[0].actions.kind, values: sides[0].actions.values.map((_, k) => mean(sides.map((p) => p.actions.values[k]))) },
  });
  return {
    get iterationsDone() {
      return runs[0].iterationsDone;
    },
    iterate: async () => combine(await inTurn((e) => e.iterate())),
    applyLive: (next) => runs.forEach((e) => e.applyLive(next)),
    saveState: async () => ({ runs: await Promise.all(runs.map((e) => e.saveState())) }),
    loadState: (state) => state.get('runs').items(runs.length).forEach((r, k) => runs[k].loadState(r)),
    probe: async (next) => {
      const probes = await inTurn((e) => e.probe(next));
      const trainedTheta = probes[0].trainedTheta.map((_, k) => mean(probes.map((p) => p.trainedTheta[k])));
      return { theta: probes[0].theta, trainedTheta, adaptive: combineSide(probes.map((p) => p.adaptive)), fixedRule: combineSide(probes.map((p) => p.fixedRule)) };
    },
    dispose: () => runs.forEach((e) => e.dispose()),
  };
}

export const ENV_REGISTRY: { [E in EnvId]: EnvEntry<ScenarioOf<E>> } = {
  'entrance-tobin': {
    label: 'Market entrance with a Tobin tax (PPO traders)',
    metrics: ENTRANCE_METRICS,
    iterations: (s) => s.iterations,
    references: (s) => {
      const C = s.c * s.n;
      return [
        { label: 'capacity C', value: C },
        { label: 'mixed equilibrium n(C−1)/(n−1)', value: (s.n * (C - 1)) / (s.n - 1) },
      ];
    },
    experiment: (s) => ppoExperiment(s, ENTRANCE_METRICS),
  },
  'entrance-diff': {
    label: 'Entrance (differentiable): late participants and a fairness tax',
    metrics: ENTRANCE_DIFF_METRICS,
    iterations: (s: EntranceDiffScenario) => totalIterations(s),
    references: entranceDiffReferences,
    experiment: createEntranceDiffExperiment,
  },
  cobweb: {
    label: 'Cobweb market: calibrating bounded-rational producers to prices',
    metrics: COBWEB_RUN_METRICS,
    iterations: (s) => s.iterations,
    references: (s) => [...cobwebReferences(s), ...hiddenReferences(s)],
    experiment: (s) => ppoExperiment(s, COBWEB_RUN_METRICS),
  },
  cournot: {
    label: 'Cournot oligopoly: calibrating bounded-rational firms to prices',
    metrics: COURNOT_RUN_METRICS,
    iterations: (s) => s.iterations,
    // [0] q*, [1] P*, [2] pi*, then the hidden (mu*, sigma*) of a synthetic target.
    references: (s) => [...cournotReferences(s), ...hiddenReferences(s)],
    experiment: (s) => ppoExperiment(s, COURNOT_RUN_METRICS),
  },
  'supply-chain': {
    label: 'Supply chain (beer game): calibrating bounded-rational stages to orders',
    metrics: SUPPLY_CHAIN_RUN_METRICS,
    iterations: (s) => s.iterations,
    references: (s) => [...supplyChainReferences(s), ...hiddenReferences(s)],
    experiment: (s) => ppoExperiment(s, SUPPLY_CHAIN_RUN_METRICS),
  },
  'tax-economy': {
    label: 'Tax economy: a government learns income and asset taxes',
    metrics: TAX_ECONOMY_RUN_METRICS,
    iterations: (s) => s.iterations,
    references: () => [],
    experiment: (s) => (s.seeds > 1 ? taxEconomySeeds(s) : ppoExperiment(s, TAX_ECONOMY_RUN_METRICS)),
  },
  'market-maker': {
    label: 'Market maker: one policy for every preference (robust learning)',
    metrics: MARKET_MAKER_RUN_METRICS,
    iterations: (s) => s.iterations,
    references: () => [],
    experiment: createMarketMakerExperiment,
  },
};

/** The registry entry of a scenario's environment, typed for that scenario. */
export function envOf(s: Scenario): EnvEntry {
  return ENV_REGISTRY[s.env] as unknown as EnvEntry;
}
