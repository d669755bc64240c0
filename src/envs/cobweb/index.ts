/** The cobweb calibration environment: what the registry, the worker and the form need. */
export { CobwebEnv } from './env';
export { COBWEB_METRICS, cobwebReferences } from './report';
export { checkTargetData, parsePricesCsv, PRICES } from './data';
export { LAMBDA_MAX, cobwebParamsSchema, type CobwebParams } from './config';
