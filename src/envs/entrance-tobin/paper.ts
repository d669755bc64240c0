/**
 * The paper's Table 2 (ADAGE, arXiv 2501.09429, section 4.3): the market entrance game with
 * n = 20 traders at capacities C = 2, 4, ..., 18, std(D) without a tax and under the ADAGE
 * leader. The command line's `table2` and the lab's preset both put ours beside it.
 */
export const TABLE2 = {
  n: 20,
  /** c = C / n. */
  cShares: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  /** The paper's mean std(D) at each capacity, in the order of cShares. */
  std: {
    baseline: [1.35, 0.92, 1.23, 1.64, 3.67, 2.13, 1.88, 1.39, 2.22],
    adage: [1.2, 0.86, 1.42, 1.48, 1.49, 1.62, 1.31, 1.97, 0.75],
  },
} as const;
