/** The lab's version, from package.json: shared links and saved files carry it. */
import { version } from '../package.json';

export const APP_VERSION: string = version;
