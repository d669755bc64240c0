import { defineConfig } from '@playwright/test';
import { BASE_ARGS } from './e2e/chromium-flags';

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browsers here).
 * The built lab is served by `vite preview`; `npm test` builds it first.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT: a second checkout (a git worktree) can run its own preview server beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  // The lab's specs, and each environment's own beside its code (src/envs/<id>/*.spec.ts).
  testDir: '.',
  testMatch: ['e2e/**/*.spec.ts', 'src/envs/*/*.spec.ts'],
  testIgnore: ['**/node_modules/**'],
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // CI asks for a machine-readable count as well (see .ci/run).
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: BASE_ARGS },
    permissions: ['clipboard-read', 'clipboard-write'],
    // No trace: recording one costs every test (18% of the e2e time on the 2-core CI machine,
    // kept or not); a failure still leaves its screenshot and error-context.md (the page's
    // accessibility snapshot) under test-results/, and `--trace on` records one when rerun.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
