/** The Cournot calibration environment: what the registry, the worker and the form need. */
export { CournotEnv } from './env';
export { COURNOT_METRICS, cournotReferences } from './report';
export { checkCournotTargetData, COURNOT_PRICES } from './data';
export { LAMBDA_MAX, checkCournotMarket, cournotParamsSchema, type CournotParams } from './config';
