/**
 * A worker's Content-Security-Policy violations, logged as errors from the worker itself.
 * Chromium logs a worker's violations only in that worker's DevTools context, where neither a
 * user looking at the page's console nor the end-to-end tests (which watch the page's console)
 * see them; a console.error from a dedicated worker reaches the page's console. Imported first
 * by sim.worker.ts, so the listener is in place before anything else runs there.
 */
globalThis.addEventListener('securitypolicyviolation', (event) => {
  const e = event as SecurityPolicyViolationEvent;
  console.error(`Content-Security-Policy violation in the simulation worker: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile || '?'}:${e.lineNumber}`);
});
