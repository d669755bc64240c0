/** The supply-chain calibration environment: what the registry, the worker and the form need. */
export { SupplyChainEnv } from './env';
export { SUPPLY_CHAIN_METRICS, supplyChainReferences } from './report';
export { checkTargetData, ORDERS } from './data';
export { LAMBDA_MAX, supplyChainParamsSchema, supplyChainWorkload, type SupplyChainParams } from './config';
