/** Figure 9's worker in Chromium: the lab's backends (as its worker registers them), one row measured on request. */
// First, as in the lab's worker: zod is jitless before any schema is built (the page has the lab's CSP).
import '../../src/security/zod-jitless';
import '../../src/worker/register-backends';
import { measureRow, type RowMessage, type RowRequest } from '../lib/iterations';

const scope = self as unknown as { onmessage: (e: MessageEvent<RowRequest>) => void; postMessage(m: RowMessage): void };
scope.onmessage = (e) => void measureRow(e.data, (m) => scope.postMessage(m));
