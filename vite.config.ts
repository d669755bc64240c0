/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { SlowFirstSequencer } from './src/build/slow-first-sequencer.ts';
import { tfjsWasmThreadsStandalone } from './src/build/tfjs-wasm-threads.ts';
import { CSP_DIRECTIVES, DEV_CSP_DIRECTIVES, headersFile, metaCsp, securityHeaders } from './src/security/headers.ts';

/**
 * A build carries its security headers for hosts that serve files as they are: a `_headers`
 * file (Netlify, Cloudflare Pages) and the policy as a <meta> tag in index.html, first in the
 * head (a meta tag cannot carry frame-ancestors, nor COOP/COEP: without those headers the lab
 * still runs, with tfjs-wasm on one thread).
 */
function securityHeadersInBuild(): Plugin {
  return {
    name: 'adage-security-headers',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaCsp(CSP_DIRECTIVES) }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(securityHeaders(CSP_DIRECTIVES)) });
    },
  };
}

/**
 * zod and the jitless setting (src/security/zod-jitless.ts) in one chunk of their own, so every
 * chunk that builds a schema imports zod already jitless: zod probes eval when an object schema
 * is built, and code splitting would otherwise evaluate a shared chunk's schemas before the
 * entry's own first import (the worker's and the page's alike).
 */
const zodChunk = (id: string) => (/node_modules\/zod\/|src\/security\/zod-jitless/.test(id) ? 'zod' : undefined);

export default defineConfig({
  plugins: [react(), securityHeadersInBuild()],
  // The dev server's policy is relaxed only by what Vite's dev mode needs (see headers.ts).
  server: { headers: securityHeaders(DEV_CSP_DIRECTIVES) },
  preview: { headers: securityHeaders(CSP_DIRECTIVES) },
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsStandalone()], rollupOptions: { output: { manualChunks: zodChunk } } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: { output: { manualChunks: zodChunk } },
    // Fonts stay files (Vite would inline KaTeX's smallest as data: URLs), so font-src needs only 'self'.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf|eot)$/.test(file) ? false : undefined),
  },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Learning tests train real PPO agents on the wasm backend; they are seeded, not timed.
    testTimeout: 600_000,
    // Every core: the learning files are single-threaded (wasm) and take most of the time;
    // vitest's default leaves one core idle, which on a 2-core machine halves the speed.
    maxWorkers: availableParallelism(),
    hookTimeout: 120_000,
    // One module graph per worker, not one per file: each file imported tfjs, its wasm backend
    // and the environments anew (74 s of the 136 s that the 65 files without training took on
    // this 2-core machine, 14 s of 78 s shared). The tests keep no state between files: each
    // counts tensors from its own start and builds its own experiments.
    isolate: false,
    // The slowest files first, so the two workers end together (see the sequencer).
    sequence: { sequencer: SlowFirstSequencer },
    // CI asks for a machine-readable count as well (see .ci/run).
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : undefined,
  },
});
