/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Learning tests train real PPO agents on the wasm backend; they are seeded, not timed.
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
