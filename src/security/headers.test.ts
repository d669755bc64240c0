import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, DEV_CSP_DIRECTIVES, headersFile, HEADER_ONLY_DIRECTIVES, metaCsp, securityHeaders, serializeCsp } from './headers';

/** A policy string back into directive -> sources. */
const parse = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  it('is written as the header grammar wants: directives joined by "; ", sources by spaces', () => {
    expect(serializeCsp({ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] })).toBe("default-src 'self'; img-src 'self' data:");
    expect(parse(serializeCsp(CSP_DIRECTIVES))).toEqual(CSP_DIRECTIVES);
  });

  it('allows no JavaScript evaluation and no inline script or style in production', () => {
    const all = Object.values(CSP_DIRECTIVES).flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain('*');
    // WebAssembly compilation only.
    expect(CSP_DIRECTIVES['script-src']).toContain("'wasm-unsafe-eval'");
  });

  it('closes what the lab never uses and fetches nothing from elsewhere', () => {
    for (const d of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(CSP_DIRECTIVES[d], d).toEqual(["'none'"]);
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) for (const s of sources) expect(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:'], `${name} ${s}`).toContain(s);
    expect(CSP_DIRECTIVES['connect-src']).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES['default-src']).toEqual(["'self'"]);
  });

  it('in dev adds only what Vite needs (inline preamble and styles, the hot-reload socket), still no eval', () => {
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) expect(DEV_CSP_DIRECTIVES[name], name).toEqual(expect.arrayContaining([...sources]));
    const added = Object.entries(DEV_CSP_DIRECTIVES).flatMap(([name, sources]) => sources.filter((s) => !CSP_DIRECTIVES[name].includes(s)).map((s) => `${name} ${s}`));
    expect(added.sort()).toEqual(["connect-src ws:", "script-src 'unsafe-inline'", "style-src 'unsafe-inline'"]);
    expect(Object.values(DEV_CSP_DIRECTIVES).flat()).not.toContain("'unsafe-eval'");
  });

  it('as a meta tag leaves out what only a header can carry', () => {
    const meta = parse(metaCsp(CSP_DIRECTIVES));
    for (const d of HEADER_ONLY_DIRECTIVES) expect(meta).not.toHaveProperty(d);
    expect(meta).toEqual(Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([d]) => d !== 'frame-ancestors')));
  });
});

describe('the security headers', () => {
  it('isolate the page cross-origin (COOP + COEP), so tfjs-wasm may use threads, beside the policy and nosniff', () => {
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': serializeCsp(CSP_DIRECTIVES),
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(securityHeaders(DEV_CSP_DIRECTIVES)['Content-Security-Policy']).toBe(serializeCsp(DEV_CSP_DIRECTIVES));
  });

  it('as a _headers file apply to every path, one indented header a line', () => {
    expect(headersFile({ A: '1', 'B-C': "x 'y'" })).toBe("/*\n  A: 1\n  B-C: x 'y'\n");
  });
});
