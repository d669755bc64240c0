/**
 * The gallery: one ready scenario per result of the papers (ADAGE, arXiv 2501.09429; Evans and
 * Ganesh, arXiv 2402.00787), each with what a class needs beside the charts: the question, the
 * equations (TeX, typeset by KaTeX), what to watch for, and the paper's result, which the
 * explanation panel sets beside ours once the run ends. A preset is a patch over its
 * environment's defaults, validated like any link (presets.test.ts).
 */
import { TABLE1 } from '../../envs/cobweb/paper';
import { TABLE2 } from '../../envs/entrance-tobin/paper';
import type { FinalMetrics } from '../../engine/metrics';
import { shown } from '../../envs/view/figure-text';
import { scenarioSchema, type EnvId, type Scenario } from '../../scenario/schema';

/** A scenario's fields over its environment's defaults. */
export type ScenarioPatch = { env: EnvId } & Record<string, string | number | boolean>;

export interface PresetVariant {
  /** The button's text, e.g. "C = 12". */
  label: string;
  patch: Record<string, string | number | boolean>;
  /** The paper's result for this variant (replaces the preset's). */
  paper: string;
}

export interface Preset {
  /** Stable: it goes in shared links (`?preset=`). */
  id: string;
  title: string;
  /** Where in the papers. */
  source: string;
  scenario: ScenarioPatch;
  question: string;
  /** Display equations in TeX, each with a line saying what it is. */
  equations: { tex: string; note: string }[];
  watch: string[];
  /** The paper's reported result, in words and numbers. */
  paper: string;
  /** The final figures (FINAL_WINDOW mean) this preset's sentence about our run needs. */
  finalKeys: string[];
  /** Our run's result in the paper's terms, from its final figures. */
  ours(final: FinalMetrics, s: Scenario): string;
  variants?: PresetVariant[];
  /** The variant the preset opens with (index into variants). */
  defaultVariant?: number;
}

/** Our figures, to 2 digits unless said. */
const f = (x: number, digits = 2) => shown(x, digits);
const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)}%`;

const table2Variants: PresetVariant[] = TABLE2.cShares.map((c, i) => {
  const C = Math.round(c * TABLE2.n);
  return {
    label: `C = ${C}`,
    patch: { c },
    paper: `Table 2, n = ${TABLE2.n}, C = ${C}: std(D) ${TABLE2.std.baseline[i].toFixed(2)} without a tax, ${TABLE2.std.adage[i].toFixed(2)} with the ADAGE leader.`,
  };
});

export const PRESETS: Preset[] = [
  {
    id: 'tobin-tax',
    title: 'A Tobin tax calms a herding market',
    source: 'ADAGE §4.3, Table 2',
    scenario: { env: 'entrance-tobin', n: TABLE2.n, c: 0.6, leader: 'ppo', objective: 'volatility', iterations: 200 },
    question:
      'Traders decide each step whether to enter a market of capacity C. Learning from the same signals, they herd in and out. Can a regulator who learns a tax on switching position calm the market?',
    equations: [
      { tex: String.raw`r^*_{k,t} = \begin{cases} \beta + v\,(C - D_t) & \text{enter} \\ \beta & \text{stay out} \end{cases}`, note: "trader k's payoff; D_t traders entered" },
      { tex: String.raw`r_{k,t} = r^*_{k,t} - \tau\,\lvert r^*_{k,t}\rvert\,\mathbb{1}[a_{k,t} \neq a_{k,t-1}]`, note: 'the Tobin tax τ is paid on switching' },
      { tex: String.raw`\max_{\tau}\; -\operatorname{std}(D_t) \quad\text{s.t. } \pi \text{ best responds to } \tau`, note: "the leader's objective: minus volatility" },
    ],
    watch: [
      'Volatility std(D) falling as the leader raises τ.',
      'The latest episode: D_t swinging around C, then settling.',
      'Tick "Compare with baseline" to train the same traders with no tax beside it.',
    ],
    paper: table2Variants[5].paper,
    finalKeys: ['volatility', 'theta', 'attendance'],
    ours: (m) => `std(D) ${f(m.volatility)} with τ learned at ${f(m.theta, 3)}; mean attendance ${f(m.attendance)}.`,
    variants: table2Variants,
    // c = 0.6, the lab's default capacity share.
    defaultVariant: 5,
  },
  {
    id: 'late-fairness',
    title: 'Late participants and a fairness tax',
    source: 'ADAGE-Diff (ADAGE §3–4)',
    scenario: { env: 'entrance-diff', n: 10, c: 0.6, leader: 'fairness', lateStart: 0.5, init: 'uniform', runs: 20 },
    question:
      'Half the agents arrive late, when the early half has already filled the market. Are they locked out, and can a tax on over-use, learned by gradient steps through the simulator, restore fairness?',
    equations: [
      { tex: String.raw`U_i = a_i\,\bigl(v + 2\,(C - m_i)\bigr) + (1 - a_i)\,v, \qquad m_i = 1 + \textstyle\sum_{j \neq i} a_j`, note: "agent i's expected payoff at attendance probability a_i" },
      { tex: String.raw`U_i^T = U_i - \tau\, a_i \max(a_i - m, 0)`, note: 'the over-use tax, m the mean attendance probability' },
      { tex: String.raw`\max_\tau\; -G(R), \qquad G = \frac{\sum_i \sum_j \lvert R_i - R_j\rvert}{2 N^2 \bar R}`, note: "the leader: minus the Gini of cumulative returns R_i" },
    ],
    watch: [
      'Attendance by group: the late group (G2) stays out once the early group (G1) has filled the market.',
      'The tax path τ rising when the late group arrives, and the Gini of returns.',
      'The "strong tax" variant: with τ up to 5 the gap closes.',
    ],
    paper:
      'The early group locks the late one out; the learned over-use tax narrows the gap between the groups and lowers the Gini of returns (no numbers given for this setting).',
    finalKeys: ['gap', 'gini', 'tau'],
    ours: (m) => `gap a(G1) − a(G2) ${f(m.gap, 3)}, Gini of returns ${f(m.gini, 4)}, τ ${f(m.tau, 3)}.`,
    variants: [
      { label: 'paper: τ ≤ 0.1', patch: { n: 10, tauMax: 0.1, alphaL: 0.04 }, paper: 'The early group locks the late one out; the learned over-use tax (τ ≤ 0.1) narrows the gap between the groups and lowers the Gini of returns.' },
      { label: 'strong tax: τ ≤ 5', patch: { n: 100, tauMax: 5, alphaL: 10 }, paper: 'Beyond the paper: with τ allowed up to 5 a fixed tax of 5 closes the gap (0.816 → 0.00 at N = 100, our measurement), and the learned leader gets there with α_L = 10.' },
    ],
  },
  {
    id: 'cobweb-calibration',
    title: 'Calibrating a cobweb market to prices',
    source: 'ADAGE §4.2, Table 1; Evans & Ganesh (2024)',
    scenario: { env: 'cobweb', leader: 'ppo', target: 'synthetic', targetMu: 0.05, targetSigma: 0.02, iterations: 160 },
    question:
      'Producers predict the price and pay for the information they use. Given only prices, can a calibrator find how bounded-rational the producers are, and does it fit better than the rational-expectations model?',
    equations: [
      { tex: String.raw`p_t = \frac{a - \sum_j S(\hat p_{j,t})}{b} + \varepsilon_t, \qquad S(x) = \tanh\bigl(\psi(x - 6)\bigr) + 1`, note: 'the market clears at the price p_t' },
      { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[\tfrac{r_{i,t}}{1300}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr), \quad r_{i,t} = \max\bigl(0,\, 1300 - 260\,(p_t - \hat p_{i,t})^2\bigr)`, note: 'producer i pays λ_i for information' },
      { tex: String.raw`\lambda_i \sim \mathcal N(\mu, \sigma), \qquad \max_{\mu,\sigma}\; -W_1\bigl(p^{\text{sim}}, p^{\text{target}}\bigr)`, note: 'the calibrator matches the price distribution' },
    ],
    watch: [
      'Simulated against target prices: the histograms coming together.',
      'The calibrated (μ, σ) path against the hidden μ*, σ*: prices pin down the mean of λ_i better than μ and σ apart.',
      "Table 1: the calibrated simulator's quantile error against the rational ones.",
    ],
    paper: `Table 1: quantile MAE ${TABLE1.re.mae} (rational-expectations price), ${TABLE1.rational.mae} (rational learners, λ = 0), ${TABLE1.calibrated.mae} (calibrated): the calibrated simulator fits best.`,
    finalKeys: ['maeRe', 'maeRational', 'maeCalibrated', 'mu', 'sigma'],
    ours: (m, s) =>
      `quantile MAE ${f(m.maeRe, 3)} (RE price), ${f(m.maeRational, 3)} (λ = 0), ${f(m.maeCalibrated, 3)} (calibrated); μ ${f(m.mu, 3)}, σ ${f(m.sigma, 3)}` +
      (s.env === 'cobweb' && s.target === 'synthetic' ? ` (hidden μ* ${s.targetMu}, σ* ${s.targetSigma}).` : '.'),
  },
  {
    id: 'cournot-calibration',
    title: 'Bounded-rational firms in a Cournot oligopoly',
    source: 'Evans & Ganesh (2024), arXiv 2402.00787',
    scenario: { env: 'cournot', leader: 'ppo', target: 'synthetic', targetMu: 0.2, targetSigma: 0.05, iterations: 160 },
    question:
      'Firms choose quantities and pay for the information their choice uses. Do fully rational learners find the Nash quantity, how do less skilled firms play, and can a calibrator find their skill from prices alone?',
    equations: [
      { tex: String.raw`P_t = \max\bigl(0,\; a + \varepsilon_t - b \textstyle\sum_j q_{j,t}\bigr), \qquad \pi_{i,t} = q_{i,t}\,(P_t - c_i)`, note: 'the market clears at P_t; firm i earns π_i' },
      { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[\tfrac{\pi_{i,t}}{\pi^*}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr), \qquad q^* = \frac{a - c}{b\,(n + 1)}`, note: 'firm i pays λ_i for information; the Nash quantity' },
      { tex: String.raw`\lambda_i \sim \mathcal N(\mu, \sigma), \qquad \max_{\mu,\sigma}\; -W_1\bigl(P^{\text{sim}}, P^{\text{target}}\bigr)`, note: 'the calibrator matches the price distribution' },
    ],
    watch: [
      'The rational market (λ = 0) against the Nash quantity q*.',
      'Quantity by skill: firms with larger λ_i spread their quantities toward the uniform prior.',
      'The calibrated (μ, σ) against the hidden μ*, σ*, and the quantile errors.',
    ],
    paper: 'Theory: fully rational firms play the Nash quantity q* = (a − c) / (b (n + 1)), 18 at the defaults (no figure of the paper is reproduced here).',
    finalKeys: ['quantityRational', 'quantityCalibrated', 'maeNash', 'maeRational', 'maeCalibrated', 'mu', 'sigma'],
    ours: (m, s) =>
      `mean quantity ${f(m.quantityRational, 2)} (λ = 0), ${f(m.quantityCalibrated, 2)} (calibrated markets); quantile MAE ${f(m.maeNash, 3)} (Nash price), ${f(m.maeRational, 3)} (λ = 0), ${f(m.maeCalibrated, 3)} (calibrated); μ ${f(m.mu, 3)}, σ ${f(m.sigma, 3)}` +
      (s.env === 'cournot' && s.target === 'synthetic' ? ` (hidden μ* ${s.targetMu}, σ* ${s.targetSigma}).` : '.'),
  },
  {
    id: 'supply-chain-bullwhip',
    title: 'The bullwhip in a beer-game supply chain',
    source: 'Evans & Ganesh (2024); Sterman (1989)',
    scenario: { env: 'supply-chain', leader: 'ppo', target: 'synthetic', targetMu: 0.1, targetSigma: 0.05, iterations: 160 },
    question:
      'Retailer, wholesaler, distributor and factory each order from the stage above, with shipping and order delays. How much do orders swing more than demand the further up the chain, and can a calibrator find how bounded-rational the stages are from the factory’s orders alone?',
    equations: [
      { tex: String.raw`q_{k,t} = \max\bigl(0,\; o_{k,t} + a_{k,t}\bigr), \qquad a_{k,t} \in \{-8, -6, \dots, 8\}`, note: 'each stage anchors on the order it received and adjusts' },
      { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[-\tfrac{h I_{k,t} + p B_{k,t}}{8}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr)`, note: 'stage i pays λ_i for information' },
      { tex: String.raw`\frac{\operatorname{var}(q_k)}{\operatorname{var}(D)} = 1 \text{ for pass-through}, \qquad \max_{\mu,\sigma}\; -W_1\bigl(q_3^{\text{sim}}, q_3^{\text{target}}\bigr)`, note: 'the bullwhip ratio, and the calibrator fitting the factory orders' },
    ],
    watch: [
      'The bullwhip chart: order variance over demand variance rising from retailer to factory, against the pass-through line at 1.',
      'Chain cost and factory bullwhip, heterogeneous against rational stages.',
      'The calibrated (μ, σ) path against the hidden μ*, σ*.',
    ],
    paper: 'The beer game’s bullwhip (Sterman 1989): order variance grows up the chain; with iid demand the cost-optimal base-stock policy passes demand through, with no amplification.',
    finalKeys: ['bullwhip0', 'bullwhip3', 'bullwhipRational3', 'chainCost', 'chainCostRational', 'mu', 'sigma', 'maeCalibrated'],
    ours: (m, s) =>
      `bullwhip ratio ${f(m.bullwhip0, 2)} at the retailer to ${f(m.bullwhip3, 2)} at the factory (rational chain ${f(m.bullwhipRational3, 2)}); chain cost ${f(m.chainCost, 1)} per week (rational ${f(m.chainCostRational, 1)}); μ ${f(m.mu, 3)}, σ ${f(m.sigma, 3)}` +
      (s.env === 'supply-chain' && s.target === 'synthetic' ? ` (hidden μ* ${s.targetMu}, σ* ${s.targetSigma}).` : '.'),
  },
  {
    id: 'income-wealth-taxes',
    title: 'Designing income and wealth taxes',
    source: 'ADAGE §4.1',
    scenario: { env: 'tax-economy', leader: 'ppo', objective: 'welfare' },
    question:
      'Households choose how much to work and to save; a government sets income and asset taxes and returns the revenue equally. Which schedules raise social welfare once households adapt to them?',
    equations: [
      { tex: String.raw`T(x; \tau, \xi) = \max\Bigl(0,\; x - \frac{1 - \tau}{1 - \xi}\, x^{1 - \xi}\Bigr)`, note: 'the HSV tax: level τ, progressivity ξ' },
      { tex: String.raw`x_i = a_i + i_i - T(i_i; \tau_i, \xi_i) - T(a_i; \tau_a, \xi_a) + \text{transfer}, \qquad c_i = (1 - p_i)\, x_i`, note: 'cash on hand; households save p_i of it' },
      { tex: String.raw`\max_{\theta = (\tau_i, \xi_i, \tau_a, \xi_a)}\; \frac1N \sum_i \Bigl(\log c_i - \frac{h_i^{1+\zeta}}{1+\zeta}\Bigr)`, note: "the government's objective: social welfare" },
    ],
    watch: [
      'Welfare under the government against the free market and the flat tax.',
      'The learned schedules as average-rate curves T(x)/x.',
      'Wealth Lorenz curves and Gini, government against free market.',
    ],
    paper: "About twice the free market's social welfare under the learned taxes.",
    finalKeys: ['welfareGov', 'welfareFree', 'welfareFlat', 'giniWealth', 'giniWealthFree'],
    ours: (m) =>
      `welfare ${f(m.welfareGov, 3)} against ${f(m.welfareFree, 3)} in the free market (our utilities are log c, negative, so compare differences, not ratios); wealth Gini ${f(m.giniWealth)} against ${f(m.giniWealthFree)}.`,
  },
  {
    id: 'market-maker',
    title: 'One market maker for every preference',
    source: 'ADAGE §4.4, Figure 8',
    scenario: { env: 'market-maker', leader: 'maxent' },
    question:
      'A market maker trades off profit against market share with a preference ω. Can one policy, trained on a maximum-entropy spread of preferences, serve every ω as well as a specialist trained on one?',
    equations: [
      { tex: String.raw`R_t = \omega\,\frac{\mathrm{PnL}_t}{n} + (1 - \omega)\,\frac{m_t}{n}`, note: 'the market maker’s reward: profit and share of the n takers' },
      { tex: String.raw`\pi(h \mid o, \omega), \qquad \omega \sim q, \quad \max_q\; H(q)`, note: 'one conditional policy; the leader spreads ω as widely as it can' },
    ],
    watch: [
      'Figure 8: the conditional policy’s spread, profit and share against ω, beside the fixed-ω specialists.',
      'Omegas never trained on fall in between.',
      'The shortfall against the specialists shrinking through training.',
    ],
    paper: 'Figure 8: the conditional market maker matches the specialists trained at each fixed ω; its spread rises with ω.',
    finalKeys: ['shortfall', 'spread', 'pnl', 'share'],
    ours: (m) =>
      `largest reward shortfall below a specialist ${Number.isFinite(m.shortfall) ? pct(-m.shortfall) : '–'}; mean half spread ${f(m.spread)}, profit ${f(m.pnl, 3)}, share ${f(m.share)}.`,
  },
];

export function presetById(id: string | null): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The variant at this index (null: the preset's default), or none where the preset has no variants. */
export function presetVariant(p: Preset, index: number | null): PresetVariant | undefined {
  return p.variants?.[index ?? p.defaultVariant ?? 0];
}

/** The preset's scenario (with a variant's patch), every other field its environment's default. */
export function presetScenario(p: Preset, variant?: PresetVariant): Scenario {
  return scenarioSchema.parse({ ...p.scenario, ...variant?.patch });
}
