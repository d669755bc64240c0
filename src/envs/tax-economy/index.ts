/** The tax economy (policy design): what the registry, the worker and the form need. */
export { TaxEconomyEnv } from './env';
export { TAX_ECONOMY_METRICS } from './report';
export { THETA_NAMES, taxEconomyParamsSchema, type TaxEconomyParams } from './config';
