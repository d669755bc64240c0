// Worker threads do not inherit the tsx loader that bin.mjs registered, so each registers its own.
import { register } from 'tsx/esm/api';

register();
export default (await import('./task-worker.ts')).default;
