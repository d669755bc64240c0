/**
 * The catalog, the page's way to the environments: nothing the page's main thread loads brings
 * tfjs (it comes with a run's experiment, by dynamic import, in the worker), and every
 * environment of the list has a view whose charts and headline name its own reference lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema';
import { CATALOG, PRESETS } from './catalog';
import { ENVS } from '.';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The specifiers a module imports statically and for its values: `import ... from '...'`,
 * `import '...'` and `export ... from '...'`, leaving out type-only ones (`import type`, or
 * braces of types alone), which the compiler erases, and dynamic `import()`, loaded when called.
 */
function staticImports(code: string): string[] {
  const clause = String.raw`(?:\*\s*as\s+[\w$]+|\{[^}]*\}|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+))?|\*)`;
  const from = new RegExp(String.raw`^\s*(?:import|export)\s+(type\s+)?(${clause})\s*from\s*['"]([^'"]+)['"]`, 'gm');
  const bare = /^\s*import\s*['"]([^'"]+)['"]/gm;
  const typesOnly = (c: string) => c.startsWith('{') && c.slice(1, -1).split(',').every((name) => !name.trim() || /^type\s/.test(name.trim()));
  return [...[...code.matchAll(from)].filter((m) => !m[1] && !typesOnly(m[2])).map((m) => m[3]), ...[...code.matchAll(bare)].map((m) => m[1])];
}

/** A relative specifier as a file: as written, or with .ts / .tsx, or its folder's index. */
function resolveFile(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((f) => existsSync(f) && !f.endsWith('/') && /\.(ts|tsx)$/.test(f)) ?? null;
}

/** Every package reachable from a file through static imports, each with the chain of files that reaches it. */
function reachablePackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      const path = [...seen.get(file)!];
      if (spec.startsWith('.')) {
        if (/\.(css|wasm|json|md\?raw)$/.test(spec)) continue;
        const next = resolveFile(file, spec);
        if (!next) throw new Error(`${relative(SRC, file)}: cannot resolve ${spec}`);
        if (!seen.has(next)) {
          seen.set(next, [...path, next]);
          queue.push(next);
        }
      } else {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!packages.has(name)) packages.set(name, path.map((f) => relative(SRC, f)));
      }
    }
  }
  return packages;
}

describe("the page's main thread", () => {
  it('reads import statements, leaving out type-only and dynamic imports', () => {
    const code = [
      "import { a, type B } from './a';",
      "import type { C } from './c';",
      "import { type D } from './d';",
      "import * as e from './e';",
      "export { default as f } from './f';",
      "export type { G } from './g';",
      "import h, { i } from 'h-package';",
      "import './side-effect.css';",
      'import {\n  j,\n  k,\n} from "./jk";',
      "const l = await import('./l');",
      " * import { m } from './m' (a comment, not at a line's start: the regex wants the keyword first)",
    ].join('\n');
    expect(staticImports(code).sort()).toEqual(['./a', './e', './f', './jk', './side-effect.css', 'h-package'].sort());
  });

  it.each(['envs/catalog.ts', 'main.tsx'])('%s reaches no @tensorflow package through static imports', (entry) => {
    const packages = reachablePackages(join(SRC, entry));
    expect(packages.size).toBeGreaterThan(0);
    const tfjs = [...packages].filter(([name]) => name.startsWith('@tensorflow/')).map(([name, chain]) => `${name} via ${chain.join(' → ')}`);
    expect(tfjs).toEqual([]);
  });

  it('the walk finds tfjs where it is: the worker imports it', () => {
    expect([...reachablePackages(join(SRC, 'worker/sim.worker.ts')).keys()].some((name) => name.startsWith('@tensorflow/'))).toBe(true);
  });
});

describe('the catalog', () => {
  it('lists every environment of the list, in its order, and the gallery in that order', () => {
    expect(CATALOG.map((e) => e.module.id)).toEqual(ENVS.map((e) => e.module.id));
    expect(CATALOG.map((e) => e.view)).toEqual(ENVS.map((e) => e.view));
    expect(PRESETS.map((p) => p.scenario.env)).toEqual(CATALOG.flatMap((e) => e.view.presets.map(() => e.module.id)));
  });

  it.each(CATALOG.map((e) => [e.module.id, e] as const))('%s has a view with charts and presets of its own', (env, { view }) => {
    expect(view.charts.length).toBeGreaterThan(0);
    expect(view.presets.length).toBeGreaterThan(0);
    expect(view.presets.filter((p) => p.scenario.env !== env)).toEqual([]);
  });

  it.each(CATALOG.map((e) => [e.module.id, e] as const))("%s: every reference line its charts and headline name is one of its module's", (env, { module, view }) => {
    // The defaults; a calibration's with a synthetic target, whose hidden (mu*, sigma*) are lines too.
    const defaults = scenarioSchema.parse({ env });
    const s = 'target' in defaults ? scenarioSchema.parse({ env, target: 'synthetic' }) : defaults;
    const ids = new Set(module.references(s).map((r) => r.id));
    const named = [
      ...view.charts.flatMap((c) => (c.kind === 'iterations' || c.kind === 'snapshot' ? (c.refs ?? []) : [])),
      ...view.charts.flatMap((c) => (c.kind === 'landscape' ? c.marks.flatMap((m) => (m.from === 'references' ? [m.x, m.y] : [])) : [])),
      ...[...view.headline, ...(view.trial?.headline ?? [])].flatMap((h) => (h.ref ? [h.ref] : [])),
    ];
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
