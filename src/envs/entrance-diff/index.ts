/** The differentiable market entrance game (ADAGE-Diff): what the registry, the UI and the CLI use. */
export { createEntranceDiffExperiment } from './experiment';
export { ENTRANCE_DIFF_METRICS, entranceDiffReferences } from './report';
