/**
 * What the security tests watch in a page (security.spec.ts, and webgpu.spec.ts for its own
 * browser): script that ran or was injected, Content-Security-Policy violations, dialogs and
 * uncaught errors; and the headers and cross-origin isolation the lab is served with.
 */
import { expect, type Page, type Response } from '@playwright/test';
import { CSP_DIRECTIVES, serializeCsp } from '../src/security/headers';

declare global {
  interface Window {
    __xss?: unknown;
    __suspicious: string[];
    __violations: string[];
  }
}

/**
 * Installed before any page script: records CSP violations, and every element that is or
 * carries script (an inline handler, a javascript: URL, the payloads' marker, a script that is
 * not one of the lab's bundles, a frame or plugin), whether parsed, added or changed later.
 */
export function watchPage(): void {
  window.__suspicious = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  const URL_ATTRIBUTES = ['href', 'xlink:href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background', 'style'];
  const describe = (el: Element) => `<${el.localName} ${Array.from(el.attributes, (a) => `${a.name}="${a.value}"`).join(' ')}>`;
  const suspicious = (el: Element): boolean => {
    const tag = el.localName;
    if (['iframe', 'frame', 'object', 'embed', 'base', 'img'].includes(tag)) return true;
    if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(`${location.origin}/assets/`)) return true;
    if ((tag === 'script' || tag === 'style') && (el.textContent ?? '').includes('__xss')) return true;
    // Text in a value, label or title attribute is data (React writes an input's value there); a handler or a URL is not.
    return Array.from(el.attributes).some((a) => a.name.startsWith('on') || (URL_ATTRIBUTES.includes(a.name) && (/^\s*javascript:/i.test(a.value) || a.value.includes('__xss'))));
  };
  const check = (node: Node) => {
    if (!(node instanceof Element)) return;
    for (const el of [node, ...Array.from(node.querySelectorAll('*'))]) if (suspicious(el)) window.__suspicious.push(describe(el));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') check(r.target);
      else r.addedNodes.forEach(check);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** What each page must never show: dialogs, CSP errors in the console (the page's or the worker's), uncaught errors. */
export function watchBrowser(page: Page) {
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/content.security.policy|refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { dialogs, consoleErrors, pageErrors };
}

/** Watches `page` from its next document on. */
export async function guard(page: Page) {
  await page.addInitScript(watchPage);
  return watchBrowser(page);
}

/** Nothing ran, nothing was injected, nothing was blocked, in the document now open. */
export async function expectClean(page: Page, where: string, seen: ReturnType<typeof watchBrowser>): Promise<void> {
  const state = await page.evaluate(() => ({ xss: window.__xss, suspicious: window.__suspicious, violations: window.__violations }));
  expect(state.xss, `${where}: a payload ran`).toBeUndefined();
  expect(state.suspicious, `${where}: elements that carry script`).toEqual([]);
  expect(state.violations, `${where}: CSP violations`).toEqual([]);
  expect(seen.dialogs, `${where}: dialogs`).toEqual([]);
  expect(seen.consoleErrors, `${where}: CSP errors in the console`).toEqual([]);
  expect(seen.pageErrors, `${where}: uncaught errors`).toEqual([]);
}

/** The worker that trains (not tfjs-wasm's thread workers, which start from blob: URLs). */
const simWorker = (page: Page) => page.workers().find((w) => w.url().includes('/assets/sim.worker'));

/** The page's own response carries the policy (no 'unsafe-eval') and the isolation headers. */
export function expectPolicyHeaders(response: Response): void {
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe(serializeCsp(CSP_DIRECTIVES));
  expect(headers['content-security-policy']).not.toContain("'unsafe-eval'");
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
}

/** The page and the worker that trains are cross-origin isolated. */
export async function expectIsolated(page: Page): Promise<void> {
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await simWorker(page)!.evaluate(() => self.crossOriginIsolated)).toBe(true);
}
