// @ts-check
// ESLint flat config. Syntax-level rules only (no type-aware rules), so `eslint .` stays a few seconds;
// `tsc --noEmit` does the type checking. The layer boundaries below are the architecture, enforced.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every import in src/ is relative, so a boundary is a regex on the specifier: `up('ui')` matches
// '../ui', '../../ui/App', ... i.e. a climb out of the current folder into src/ui.
// (It would misfire on a sibling of an ancestor named like a layer, e.g. engine/persist/state seen from a
// folder inside persist/; none exists.)
const UP = '^(\\.\\./)+';
const up = (/** @type {string} */ path) => `${UP}${path}`;

const TFJS = {
  regex: '^@tensorflow/',
  message: 'tfjs stays off the UI thread (and out of views): the model runs in the worker, the UI gets plain data.',
};
const APP_LAYERS = {
  regex: up('(ui|state|worker)(/|$)'),
  message: 'The engine and the environments are plain libraries: they never import the UI, its state or the worker.',
};
const ENGINE_ENVS = {
  regex: up('envs(/|$)'),
  message: 'The engine is generic: environments are built outside (src/envs/catalog) and handed to it.',
};
const ENGINE_VIEWS = {
  regex: '(^|/)view(\\.tsx?)?$',
  message: 'The engine never imports a view: views are UI-side descriptions of an environment.',
};
const VIEW_ENGINE = {
  // (The objectives' labels are plain data: a view may name them.)
  regex: up('engine/(stackelberg|rl|leaders(?!/objectives$))(/|$)'),
  message: 'A view is loaded by the UI thread: it must not pull in the training engine (and tfjs with it).',
};
// The UI thread's rule, given how its specifiers reach src/: by climbing (src/ui, src/state) or from src/ itself (main.tsx).
const uiEnvs = (/** @type {string} */ toSrc) => ({
  // Allowed: envs/catalog, envs/<id>/view, envs/view/**. Anything else in src/envs (its index included) is the model side.
  regex: `${toSrc}envs(/(?!catalog$|view(/|$)|[^/]+/view$)|$)`,
  message: 'The UI reaches environments only through src/envs/catalog, src/envs/<id>/view and src/envs/view/** (the model side runs in the worker).',
});

const TS = ['**/*.{ts,tsx,mts,cts}'];
// Tests run in Node, not in a bundle: they may build real environments for the engine (they are the
// "outside" that hands environments in) and check the UI against the full catalog. Layers still hold.
const TESTS = ['**/*.test.{ts,tsx}', '**/*.testing.ts'];

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/', 'public/', 'bench/results/', '.vitest/']),
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      // tsc already reports undefined names (and knows DOM/Node/worker types); no-undef only misfires on types.
      'no-undef': 'off',
      // Duplicates tsc's noUnusedLocals/noUnusedParameters (npm test runs typecheck), and its scope analysis costs ~0.7 s.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['**/*.tsx'],
    // (Cast: the plugin's own .d.ts types `configs.flat` in a way ESLint's Plugin type rejects.)
    plugins: { 'react-hooks': /** @type {import('eslint').ESLint.Plugin} */ (/** @type {unknown} */ (reactHooks)) },
    // The two classic hook rules catch real bugs (hook order, stale closures) and cost ~0.2 s. The plugin's v7
    // `recommended` adds the React Compiler's checks (set-state-in-effect, refs, purity, ...): ~3 s more, a third of
    // the whole run, for advice that matters mostly when the app is compiled by the React Compiler, which it is not.
    // To try them: `extends: [reactHooks.configs.flat.recommended]`.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // ---- Layer boundaries (later blocks override earlier ones for the same file, so each block lists all of its file's restrictions).
  {
    files: ['src/engine/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [APP_LAYERS, ENGINE_ENVS, ENGINE_VIEWS] }] },
  },
  {
    files: TESTS.map((t) => `src/engine/${t}`),
    rules: { 'no-restricted-imports': ['error', { patterns: [APP_LAYERS, ENGINE_VIEWS] }] },
  },
  {
    files: ['src/envs/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [APP_LAYERS] }] },
  },
  {
    files: ['src/envs/*/view.{ts,tsx}', 'src/envs/view/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [APP_LAYERS, TFJS, VIEW_ENGINE] }] },
  },
  {
    files: ['src/ui/**', 'src/state/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, uiEnvs(UP)] }] },
  },
  {
    files: ['src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, uiEnvs('^\\./')] }] },
  },
);
