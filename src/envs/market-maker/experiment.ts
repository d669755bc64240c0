/**
 * A market-making run as the lab shows it (the paper's Figure 8): the conditional MM, trained on
 * the leader's distribution of omega, beside one MM trained at each fixed omega of the set (the
 * baselines). Every EVAL_EVERY iterations each is played frozen, the conditional MM at every omega
 * of the set and at omegas it never trained on, the baselines at their own.
 */
import type { BuiltPpoEnv } from '../../engine/ppo-envs';
import type { Experiment, IterationReport } from '../../engine/experiment';
import { encodeArray, encodeArrays } from '../../engine/persist/arrays';
import { figuresOf, StackelbergTrainer, type IterationMetrics } from '../../engine/stackelberg';
import { PROBE_EPISODES, probeReportOf } from '../../engine/probe/report';
import { EVAL_EVERY, EXTRAPOLATION, parseList, type MarketMakerScenario } from './config';
import { MARKET_MAKER_RUN_METRICS } from './report';


/** The figures of one evaluation, per omega, in the order of `omegas`. */
export interface Figure8 {
  omegas: number[];
  spread: number[];
  spreadStd: number[];
  pnl: number[];
  pnlStd: number[];
  share: number[];
  shareStd: number[];
  reward: number[];
}

const FIGURES = ['spread', 'spreadStd', 'pnl', 'pnlStd', 'share', 'shareStd', 'reward'] as const;

/** Plays `trainer` frozen at each omega (tryTheta: its training is untouched) and collects the figures. */
async function playAt(trainer: StackelbergTrainer, omegas: number[]): Promise<Figure8> {
  const out: Figure8 = { omegas, spread: [], spreadStd: [], pnl: [], pnlStd: [], share: [], shareStd: [], reward: [] };
  for (const omega of omegas) {
    const m: IterationMetrics = await trainer.tryTheta(Float32Array.of(omega));
    for (const k of FIGURES) out[k].push(m.envMetrics[k]);
  }
  return out;
}

/** The conditional MM at every omega of the set and of EXTRAPOLATION; each baseline at its own. */
export async function evaluate(conditional: StackelbergTrainer, baselines: StackelbergTrainer[], trained: number[]): Promise<{ conditional: Figure8; baselines: Figure8 }> {
  const grid = [...new Set([...trained, ...EXTRAPOLATION])].sort((a, b) => a - b);
  const base: Figure8 = { omegas: [], spread: [], spreadStd: [], pnl: [], pnlStd: [], share: [], shareStd: [], reward: [] };
  for (const [k, b] of baselines.entries()) {
    const f = await playAt(b, [trained[k]]);
    for (const key of ['omegas', ...FIGURES] as const) base[key].push(f[key][0]);
  }
  return { conditional: await playAt(conditional, grid), baselines: base };
}

/**
 * The largest shortfall of the conditional MM's reward below a baseline's, relative to the
 * baseline's, over the omegas of the set (0 if it matches or beats every baseline).
 */
export function largestShortfall(e: { conditional: Figure8; baselines: Figure8 }): number {
  let worst = 0;
  e.baselines.omegas.forEach((omega, k) => {
    const c = e.conditional.reward[e.conditional.omegas.indexOf(omega)];
    const b = e.baselines.reward[k];
    worst = Math.max(worst, (b - c) / Math.abs(b));
  });
  return worst;
}

/** An evaluation's figures as snapshots: `${prefix}_omegas`, `${prefix}_spread`, ... */
function asSnapshots(prefix: string, f: Figure8): Record<string, Float32Array> {
  return Object.fromEntries((['omegas', ...FIGURES] as const).map((k) => [`${prefix}_${k}`, Float32Array.from(f[k])]));
}


/** The fixed leader's omega (its slider). */
const fixedOmega = (s: MarketMakerScenario) => Float32Array.of(s.omega);

export function createMarketMakerExperiment(s: MarketMakerScenario, build: (s: MarketMakerScenario) => BuiltPpoEnv): Experiment {
  const trained = parseList(s.omegas);
  const trainerAt = (run: MarketMakerScenario) => new StackelbergTrainer(run, () => build(run));
  const conditional = trainerAt(s);
  const baselines = s.baselines ? trained.map((omega) => trainerAt({ ...s, leader: 'fixed', omega })) : [];
  let snapshots: Record<string, Float32Array> = {};
  let shortfall = NaN;
  const report = (m: IterationMetrics): IterationReport => ({
    iteration: m.iteration,
    metrics: { ...figuresOf(m, MARKET_MAKER_RUN_METRICS.map((f) => f.key)), shortfall },
    snapshots: m.envSnapshots,
    ms: m.ms,
  });
  return {
    get iterationsDone() {
      return conditional.iterationsDone;
    },
    async iterate(): Promise<IterationReport> {
      const m = await conditional.iterate();
      for (const b of baselines) await b.iterate();
      if (m.iteration === 1 || m.iteration % EVAL_EVERY === 0) {
        const e = await evaluate(conditional, baselines, trained);
        shortfall = baselines.length ? largestShortfall(e) : NaN;
        snapshots = { ...asSnapshots('eval', e.conditional), ...asSnapshots('base', e.baselines) };
      }
      const r = report(m);
      return { ...r, snapshots: { ...snapshots, ...r.snapshots } };
    },
    applyLive: (next) => {
      const s = next as MarketMakerScenario;
      conditional.applyLive({ fixedTheta: fixedOmega(s), thetaRange: conditional.thetaRange, leaderLr: s.leaderLr, leaderEvery: s.leaderEvery });
    },
    // The latest evaluation too: the iterations until the next one report it.
    saveState: async () => ({
      conditional: await conditional.saveState(),
      baselines: await Promise.all(baselines.map((b) => b.saveState())),
      shortfall: encodeArray(Float64Array.of(shortfall)),
      evaluation: encodeArrays(snapshots),
    }),
    loadState(state) {
      conditional.loadState(state.get('conditional'));
      state.get('baselines').items(baselines.length).forEach((r, k) => baselines[k].loadState(r));
      shortfall = state.get('shortfall').array('float64', [1])[0];
      snapshots = state.get('evaluation').arrays('float32');
    },
    // The conditional MM (the one the Lucas critique is about: it has seen every omega of the set).
    probe: async (next) => {
      const theta = fixedOmega(next as MarketMakerScenario);
      return probeReportOf(await conditional.probe(theta, PROBE_EPISODES), theta, report);
    },
    dispose: () => [conditional, ...baselines].forEach((t) => t.dispose()),
  };
}
