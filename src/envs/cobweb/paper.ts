/**
 * The paper's Table 1 (ADAGE, arXiv 2501.09429, section 4.2): quantile errors of each
 * simulator's prices against the observed ones (price units), for the lab's Table 1 panel and
 * the calibration preset.
 */
export const TABLE1 = {
  re: { mae: 0.01, rmse: 0.017 },
  rational: { mae: 0.013, rmse: 0.026 },
  calibrated: { mae: 0.005, rmse: 0.007 },
} as const;
