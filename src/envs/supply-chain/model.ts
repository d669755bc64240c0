/**
 * The beer game's equations (Sterman 1989): a serial chain of four stages, retailer (k = 0),
 * wholesaler (1), distributor (2) and factory (3). Each week every stage receives what was
 * shipped to it L weeks ago (the factory: what it started producing L_prod weeks ago), sees the
 * order placed by the stage below it d weeks ago (the retailer: this week's customer demand
 * D_t), ships what it can of that order plus its backlog, pays h per unit on hand and p per
 * unit owed, and places its own order upstream, anchored on the order it received:
 * q_k = max(0, o_k + x_k). A stage's decision is an order-up-to level (`orderUpTo`): x_k tops
 * its inventory position up to tau_k m_t + a_k, a_k being one of the SAFETY_STOCKS. Pure
 * functions over an explicit state, tested against hand-computed values.
 */

/** Stages per chain: retailer, wholesaler, distributor, factory. */
export const STAGES = 4;
export const STAGE_NAMES = ['retailer', 'wholesaler', 'distributor', 'factory'] as const;

/** The safety stocks a_k a stage can choose: -8, -6, ..., 8 (9 levels, the action). */
export const SAFETY_STEP = 2;
export const LEVELS = 9;
export const safetyStock = (level: number) => (level - (LEVELS - 1) / 2) * SAFETY_STEP;

export interface ChainParams {
  /** L: weeks from a stage's shipment to its arrival downstream. */
  shipDelay: number;
  /** L_prod: weeks from the factory's order (production start) to its arrival in its inventory. */
  productionDelay: number;
  /** d: weeks from an order's placement to the stage above seeing it (information delay). */
  orderDelay: number;
  /** h: cost per unit on hand per week. */
  holdingCost: number;
  /** p: cost per unit of backlog per week. */
  backlogCost: number;
}

/** One chain's state; index k is the stage. */
export interface ChainState {
  /** I_k: units on hand. */
  inventory: Float64Array;
  /** B_k: units owed downstream (to the customers for the retailer). */
  backlog: Float64Array;
  /**
   * inTransit[k]: what arrives at stage k in 1, 2, ... weeks (index 0 next week): shipments
   * from stage k + 1 (L slots), or the factory's production (L_prod slots).
   */
  inTransit: Float64Array[];
  /** orders[k], k < 3: stage k's orders on their way to stage k + 1, index 0 seen next week (d slots). */
  orders: Float64Array[];
  /** S_k: the supply line, ordered but not yet received (in the mail, in backlog upstream, in transit). */
  supplyLine: Float64Array;
  /** o_k: the order stage k received in the latest week (the observation's "incoming order"). */
  incoming: Float64Array;
}

/**
 * tau_k: the weeks an order of stage k takes to arrive when the stage above has stock: d + L
 * below the factory, L_prod at the factory (its steady-state supply line is tau_k weeks of flow).
 */
export const leadTime = (p: ChainParams, k: number) => (k === STAGES - 1 ? p.productionDelay : p.orderDelay + p.shipDelay);

/** IP_k = I_k - B_k + S_k: the inventory position, which only stage k's own orders move. */
export const inventoryPosition = (s: ChainState, k: number) => s.inventory[k] - s.backlog[k] + s.supplyLine[k];

/**
 * The order-up-to rule (base-stock): the adjustments x_k that `week` adds to the incoming
 * order so that each stage's inventory position after ordering is tau_k level + safety[k]
 * (level: the demand's mean this week, m_t). With IP_k before the week, the order o_k received
 * lowers it to IP_k - o_k, so x_k = tau_k level + safety[k] - IP_k; while no order is cut at 0,
 * the position stays at the level and each stage passes on what it receives.
 */
export function orderUpTo(p: ChainParams, s: ChainState, level: number, safety: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < STAGES; k++) out[k] = leadTime(p, k) * level + safety[k] - inventoryPosition(s, k);
}

/** What a week did, per stage. */
export interface WeekOutcome {
  /** o_k: the order received (the retailer: demand). */
  incoming: Float64Array;
  /** What arrived into inventory at the week's start. */
  arrived: Float64Array;
  /** What was shipped downstream (of o_k + B_k). */
  shipped: Float64Array;
  /** q_k: the order placed upstream. */
  ordered: Float64Array;
  /** h I_k + p B_k after shipping. */
  cost: Float64Array;
}

export const newOutcome = (): WeekOutcome => ({
  incoming: new Float64Array(STAGES),
  arrived: new Float64Array(STAGES),
  shipped: new Float64Array(STAGES),
  ordered: new Float64Array(STAGES),
  cost: new Float64Array(STAGES),
});

/**
 * The steady state at a flow of f units a week: every pipeline slot holds f, every stage has
 * `inventory` on hand and no backlog, and has just received an order of f; its supply line is
 * tau_k f (`leadTime`).
 */
export function steadyChain(p: ChainParams, flow: number, inventory: number): ChainState {
  const s: ChainState = {
    inventory: new Float64Array(STAGES).fill(inventory),
    backlog: new Float64Array(STAGES),
    inTransit: Array.from({ length: STAGES }, (_, k) => new Float64Array(k === STAGES - 1 ? p.productionDelay : p.shipDelay).fill(flow)),
    orders: Array.from({ length: STAGES - 1 }, () => new Float64Array(p.orderDelay).fill(flow)),
    supplyLine: new Float64Array(STAGES),
    incoming: new Float64Array(STAGES).fill(flow),
  };
  for (let k = 0; k < STAGES; k++) s.supplyLine[k] = flow * leadTime(p, k);
  return s;
}

/** Copies `from` into `to` (same delays). */
export function copyChain(from: ChainState, to: ChainState): void {
  to.inventory.set(from.inventory);
  to.backlog.set(from.backlog);
  to.supplyLine.set(from.supplyLine);
  to.incoming.set(from.incoming);
  from.inTransit.forEach((q, k) => to.inTransit[k].set(q));
  from.orders.forEach((q, k) => to.orders[k].set(q));
}

/** Takes a queue's head (what is due now) and moves the rest one week closer; the tail is left free (0). */
function pop(queue: Float64Array): number {
  const head = queue[0];
  queue.copyWithin(0, 1);
  queue[queue.length - 1] = 0;
  return head;
}

/**
 * One week of the chain. First every stage receives (its arrivals, its incoming order: the
 * demand D_t at the retailer); then each ships min(I_k, o_k + B_k), its shipment entering the
 * pipeline to the stage below (the retailer's goes to the customers), pays h I_k + p B_k, and
 * orders q_k = max(0, o_k + x_k) upstream (the factory: into production), x_k being its
 * adjustment (`orderUpTo`'s, or any). Receiving before any sending keeps every delay exact: what
 * is sent in week t arrives in week t + delay.
 */
export function week(p: ChainParams, s: ChainState, demand: number, adjustments: ArrayLike<number>, out: WeekOutcome): void {
  for (let k = 0; k < STAGES; k++) {
    const arrived = pop(s.inTransit[k]);
    out.arrived[k] = arrived;
    s.inventory[k] += arrived;
    s.supplyLine[k] -= arrived;
    out.incoming[k] = k === 0 ? demand : pop(s.orders[k - 1]);
  }
  for (let k = 0; k < STAGES; k++) {
    const owed = out.incoming[k] + s.backlog[k];
    const shipped = Math.min(s.inventory[k], owed);
    s.inventory[k] -= shipped;
    s.backlog[k] = owed - shipped;
    out.shipped[k] = shipped;
    if (k > 0) s.inTransit[k - 1][s.inTransit[k - 1].length - 1] = shipped;
    out.cost[k] = p.holdingCost * s.inventory[k] + p.backlogCost * s.backlog[k];
    const q = Math.max(0, out.incoming[k] + adjustments[k]);
    out.ordered[k] = q;
    s.supplyLine[k] += q;
    if (k < STAGES - 1) s.orders[k][s.orders[k].length - 1] = q;
    else s.inTransit[k][s.inTransit[k].length - 1] = q;
    s.incoming[k] = out.incoming[k];
  }
}
