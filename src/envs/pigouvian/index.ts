/** The environment's entry in the lab's list (src/envs/index.ts): its module and its view. */
export { default as module } from './module';
export { default as view } from './view';
