/** The differentiable market entrance game (ADAGE-Diff), as the engine, the worker and the command line run it. */
import { defineEnv, leaderOff, runHistory } from '../env-module';
import { entranceDiffScenarioSchema, entranceDiffWorkload, leaderPeriod, totalIterations, type EntranceDiffScenario } from './config';
import { ENTRANCE_DIFF_METRICS, entranceDiffReferences } from './report';

export default defineEnv<EntranceDiffScenario>({
  id: 'entrance-diff',
  label: 'Entrance (differentiable): late participants and a fairness tax',
  schema: entranceDiffScenarioSchema,
  theta: {
    fields: ['tau'],
    fixed: (s) => Float32Array.of(s.tau),
    range: (s) => ({ lo: [0], hi: [s.tauMax] }),
    metrics: ['tau'],
  },
  metrics: ENTRANCE_DIFF_METRICS,
  references: entranceDiffReferences,
  iterations: totalIterations,
  baseline: leaderOff('The same agents, same seed and starting strategies, with no over-use tax (τ = 0).', 'without'),
  leaderName: (s) => ({ fairness: 'Fairness tax', fixed: `Fixed tax τ = ${s.tau}`, none: 'No tax' })[s.leader],
  // The fairness leader steps after every leaderPeriod-th iteration (2 for its gradients, I / 50 for the rollout).
  leaderSchedule: (s) => (s.leader === 'fairness' ? { warmup: 0, every: leaderPeriod(s) } : null),
  // I = 100 N = 1000 iterations, the late group starting half-way; the rollout leader and the
  // unrolled gradient (over 2 steps, so its lookahead takes a follower step too; the myopic one
  // is the same code with none).
  longRuns: [
    { name: 'fairness leader, rollout', input: { n: 10, runs: 1, iterationsPerAgent: 100, lateStart: 0.5 } },
    { name: 'fairness leader, unrolled', input: { n: 10, runs: 1, iterationsPerAgent: 100, lateStart: 0.5, leaderGradient: 'unrolled', unrollSteps: 2 } },
  ],
  tiny: { n: 10, runs: 2, iterationsPerAgent: 2, leaderGradient: 'unrolled', unrollSteps: 2, lateStart: 0.2 },
  workload: (s) => ({
    ...entranceDiffWorkload(s),
    // The game's variables (experiment.ts): each agent's strategy and three running sums, each run's tau.
    held: { runs: 1, parameters: 0, values: s.runs * (4 * s.n + 1), what: "the agents' strategies and sums", at: [], fields: ['runs', 'n'] },
    history: runHistory(totalIterations(s), ENTRANCE_DIFF_METRICS, ['iterationsPerAgent', 'n']),
  }),
  // tfjs's exact gradients (experiment.ts), loaded on first use.
  experiment: async (s) => (await import('./experiment')).createEntranceDiffExperiment(s),
});
