/**
 * The supply chain as a game between its stages (the README's "What does not hold yet"): each
 * stage keeps a fixed safety stock, one of the learners' 9 levels, and pays its own cost. Every
 * profile of the four is played on the base-stock search's games of demand (a stream of the
 * seed's own) from the learning chains' start; the script prints the cheapest chain and the pure
 * Nash equilibria (no stage lowers its own cost by changing its level alone): what rational stages
 * that each learn one level would settle on. scripts/supply-chain-seeds.ts prints the levels
 * the learning chains' stages chose.
 *   npx tsx scripts/supply-chain-stage-game.ts 1
 */
import { Rng } from '../src/engine/rng';
import { BASE_STOCK_SALT, baseStockStageCosts, searchDemand } from '../src/envs/supply-chain/base-stock';
import { supplyChainScenarioSchema } from '../src/envs/supply-chain/config';
import { initialFlow } from '../src/envs/supply-chain/demand';
import { LEVELS, safetyStock, STAGES, steadyChain } from '../src/envs/supply-chain/model';

const seed = Number(process.argv[2] ?? 1);
const p = supplyChainScenarioSchema.parse({ env: 'supply-chain', seed });
const start = steadyChain(p, initialFlow(p), p.initialInventory);
// The stream the env's base-stock search draws its games from (env.ts), so the two play the same demand.
const demand = searchDemand(p, Rng.forScenario(seed, BASE_STOCK_SALT));

const profiles = LEVELS ** STAGES;
const levelsOf = (i: number) => Array.from({ length: STAGES }, (_, k) => Math.floor(i / LEVELS ** k) % LEVELS);
const indexOf = (levels: readonly number[]) => levels.reduce((i, l, k) => i + l * LEVELS ** k, 0);
const costs = Array.from({ length: profiles }, (_, i) => baseStockStageCosts(p, start, demand, levelsOf(i).map(safetyStock)));
const chainCost = (i: number) => costs[i].reduce((a, b) => a + b, 0);
const show = (i: number) => `(${levelsOf(i).map(safetyStock).join(', ')}) ${chainCost(i).toFixed(2)} a week [stages ${Array.from(costs[i], (c) => c.toFixed(2)).join(' ')}]`;

let cheapest = 0;
for (let i = 1; i < profiles; i++) if (chainCost(i) < chainCost(cheapest)) cheapest = i;
const isEquilibrium = (i: number) =>
  levelsOf(i).every((_, k) =>
    Array.from({ length: LEVELS }, (_, a) => {
      const other = levelsOf(i);
      other[k] = a;
      return costs[indexOf(other)][k];
    }).every((c) => c >= costs[i][k] - 1e-9),
  );
const equilibria = Array.from({ length: profiles }, (_, i) => i).filter(isEquilibrium);
console.log(`seed ${seed}, ${demand.length} weeks of demand. Cheapest chain of safety stocks: ${show(cheapest)}`);
console.log(`pure Nash equilibria of the stage game (${equilibria.length}): ${equilibria.map(show).join('; ')}`);
