/**
 * Sorting each run's returns, in JS on read-back values: the Gini needs the order of the returns,
 * which tfjs cannot differentiate through (and the order itself has no gradient).
 */

/**
 * The ascending order of each row of a [rows x n] array, kept from one call to the next.
 * Cumulative returns change little from one iteration to the next, so an insertion sort
 * starting from the previous order does about n steps a row; sorting afresh, with a JS
 * comparator, took 4 ms for 20 rows of 1000 here, which over I = 10 000 iterations would
 * be longer than the rest of the run.
 */
export class RowOrder {
  /** Row r's agents from the lowest value to the highest: order[r n + k]. */
  readonly order: Uint32Array;

  constructor(
    readonly rows: number,
    readonly n: number,
  ) {
    this.order = new Uint32Array(rows * n);
    for (let r = 0; r < rows; r++) for (let k = 0; k < n; k++) this.order[r * n + k] = k;
  }

  /** Re-sorts every row by `values` ([rows x n], row-major). Equal values keep their order. */
  update(values: ArrayLike<number>): void {
    const { order, n } = this;
    for (let r = 0; r < this.rows; r++) {
      const o = r * n;
      for (let k = 1; k < n; k++) {
        const agent = order[o + k];
        const x = values[o + agent];
        let j = k - 1;
        while (j >= 0 && values[o + order[o + j]] > x) {
          order[o + j + 1] = order[o + j];
          j--;
        }
        order[o + j + 1] = agent;
      }
    }
  }

  /** rank_i in 1..n (1 = lowest) of each agent, [rows x n], as the Gini's weights need. */
  ranks(): Float32Array {
    const { order, n } = this;
    const out = new Float32Array(this.rows * n);
    for (let r = 0; r < this.rows; r++) for (let k = 0; k < n; k++) out[r * n + order[r * n + k]] = k + 1;
    return out;
  }

  /**
   * Each row's Gini coefficient of `values` (the rows last passed to update), as model.ts's
   * `gini` defines it, shift included: for the reported figure, which needs no gradient.
   */
  gini(values: ArrayLike<number>): Float64Array {
    const { order, n } = this;
    const out = new Float64Array(this.rows);
    for (let r = 0; r < this.rows; r++) {
      const o = r * n;
      const shift = Math.min(0, values[o + order[o]]);
      let weighted = 0;
      let total = 0;
      for (let k = 0; k < n; k++) {
        const x = values[o + order[o + k]] - shift;
        weighted += (2 * (k + 1) - n - 1) * x;
        total += x;
      }
      out[r] = total > 0 ? weighted / (n * total) : 0;
    }
    return out;
  }
}
