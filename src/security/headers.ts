/**
 * The HTTP headers the lab is served with: a Content-Security-Policy that allows no JavaScript
 * evaluation, and cross-origin isolation so tfjs-wasm may use threads (SharedArrayBuffer).
 * One definition for every server: vite's dev and preview servers (vite.config.ts), and the
 * `_headers` file and CSP meta tag written into a build for static hosts. Pure data and string
 * assembly: no DOM, no Node, so it is unit-tested and imported by the vite config alike.
 */

/** A policy as directive -> sources, in the order it is written. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * The production policy. Why each source is allowed:
 * - script-src 'self': the bundled modules only; no inline script, no eval or new Function
 *   (zod's JIT is switched off at startup, see zod-setup.ts).
 * - 'wasm-unsafe-eval': WebAssembly.instantiate of tfjs-wasm's binaries; it allows no JS eval.
 * - blob: in script-src and worker-src: the threaded tfjs-wasm build starts its pthread workers
 *   from a Blob of its own worker code, and each imports the backend's code from another Blob
 *   (importScripts(blob:)). Only script already running in the page can make a blob: URL.
 * - style-src 'self': the bundled stylesheet (KaTeX's included). KaTeX is rendered into the
 *   DOM (katex.render sets styles through element.style), React and recharts set style
 *   properties through the CSSOM, neither of which a policy governs, so no 'unsafe-inline'.
 * - img-src data:: a PNG export draws the chart as an SVG image from a data: URL (html-to-image).
 *   Downloads are blob: URLs too, but a download is no image load: img-src needs no blob:.
 * - font-src 'self': KaTeX's fonts, bundled. connect-src 'self': the .wasm files are fetched.
 * - object-src, base-uri, form-action 'none': nothing the lab uses; closed against injection.
 * - frame-ancestors 'none': no one frames the lab (clickjacking). Header only: a meta tag
 *   cannot carry it.
 */
export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The dev server's policy: the production one plus what Vite's dev mode needs. Its React
 * refresh preamble is an inline module script and it injects CSS as <style> elements
 * ('unsafe-inline' for both); hot reload talks over a WebSocket (ws:). Still no 'unsafe-eval'.
 */
export const DEV_CSP_DIRECTIVES: CspDirectives = {
  ...CSP_DIRECTIVES,
  'script-src': [...CSP_DIRECTIVES['script-src'], "'unsafe-inline'"],
  'style-src': [...CSP_DIRECTIVES['style-src'], "'unsafe-inline'"],
  'connect-src': [...CSP_DIRECTIVES['connect-src'], 'ws:'],
};

/** Directives a <meta> policy ignores (browsers warn about them): they must come as a header. */
export const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'sandbox'] as const;

/** The policy as a header value: `name source source; name source`. */
export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy for a <meta http-equiv> tag: the header's, less the directives a meta tag cannot carry. */
export function metaCsp(directives: CspDirectives): string {
  return serializeCsp(Object.fromEntries(Object.entries(directives).filter(([name]) => !(HEADER_ONLY_DIRECTIVES as readonly string[]).includes(name))));
}

/**
 * Every header a server of the lab sends, with the policy given. COOP and COEP make the page
 * and its workers cross-origin isolated (self.crossOriginIsolated), which SharedArrayBuffer and
 * so tfjs-wasm's threads require; everything the lab loads is its own, so require-corp costs
 * nothing. nosniff: a file is only ever run or styled as the type it is served as.
 */
export function securityHeaders(directives: CspDirectives = CSP_DIRECTIVES): Record<string, string> {
  return {
    'Content-Security-Policy': serializeCsp(directives),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** The headers as a `_headers` file (Netlify, Cloudflare Pages): every path gets them. */
export function headersFile(headers: Record<string, string>): string {
  return `/*\n${Object.entries(headers)
    .map(([name, value]) => `  ${name}: ${value}\n`)
    .join('')}`;
}
