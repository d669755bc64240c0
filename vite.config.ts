/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { tfjsWasmThreadsStandalone } from './src/build/tfjs-wasm-threads';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsStandalone()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Learning tests train real PPO agents on the wasm backend; they are seeded, not timed.
    testTimeout: 600_000,
    // Every core: the learning files are single-threaded (wasm) and take most of the time;
    // vitest's default leaves one core idle, which on a 2-core machine halves the speed.
    maxWorkers: availableParallelism(),
    hookTimeout: 120_000,
    // CI asks for a machine-readable count as well (see .ci/run).
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : undefined,
  },
});
