import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/validate';
import type { MetricsView } from '../../worker/api';
import { boundNotes } from './bound-notes';

const view = (columns: Record<string, number>): MetricsView => ({
  x: Float32Array.of(1),
  columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float32Array.of(v)])),
  snapshots: {},
  references: [],
});
const tobin = (fields: Record<string, unknown>) => parseScenario({ env: 'entrance-tobin', tauMin: 0, tauMax: 0.1, ...fields }, 'strict').scenario;

describe('boundNotes', () => {
  it('says where a learning leader’s theta sits at the top or the bottom of its box, within 2% of its width', () => {
    const ppo = tobin({ leader: 'ppo' });
    expect(boundNotes(ppo, view({ theta: 0.099 }), ['τ'])).toEqual([
      'τ = 0.099 sits at the top of its range (0.100): there the bound, not the leader, sets it, and the leader would move it further if the range allowed; widen the range in the form to see where it stops.',
    ]);
    expect(boundNotes(ppo, view({ theta: 0.001 }), ['τ'])[0]).toContain('τ = 0.001 sits at the bottom of its range (0.000)');
    expect(boundNotes(ppo, view({ theta: 0.097 }), ['τ'])).toEqual([]);
  });

  it('says nothing for a leader that does not learn, before the first iteration, or for a theta of another shape than its figures', () => {
    expect(boundNotes(tobin({ leader: 'fixed', tau: 0.1 }), view({ theta: 0.1 }), ['τ'])).toEqual([]);
    expect(boundNotes(tobin({ leader: 'ppo' }), null, ['τ'])).toEqual([]);
    expect(boundNotes(tobin({ leader: 'ppo' }), view({ theta: NaN }), ['τ'])).toEqual([]);
    // Each producer's lambda_i is theta; its figures are the mean and std over producers.
    const individual = parseScenario({ env: 'cobweb', leader: 'ppo', calibrate: 'individual' }, 'strict').scenario;
    expect(boundNotes(individual, view({ mu: 0, sigma: 0 }), ['μ', 'σ'])).toEqual([]);
  });
});
