import { afterEach, expect, it } from 'vitest';

const OriginalFunction = globalThis.Function;

afterEach(() => {
  globalThis.Function = OriginalFunction;
});

/**
 * Under the lab's policy (no 'unsafe-eval') any `new Function` is a violation, even one zod
 * catches. With zod-jitless imported first, as the browser entries do, building and parsing
 * the lab's schemas constructs no Function at all.
 */
it('with zod-jitless imported first, the scenario schemas build and parse without constructing a Function', async () => {
  const calls: unknown[][] = [];
  globalThis.Function = new Proxy(OriginalFunction, {
    construct: (target, args) => (calls.push(args), Reflect.construct(target, args)),
    apply: (target, self, args) => (calls.push(args), Reflect.apply(target, self, args)),
  });
  await import('./zod-jitless');
  const { ENV_IDS, defaultScenario, scenarioSchema } = await import('../scenario/schema');
  for (const env of ENV_IDS) expect(scenarioSchema.parse(defaultScenario(env)).env).toBe(env);
  const { z } = await import('zod');
  expect(z.object({ a: z.number() }).parse({ a: 1 })).toEqual({ a: 1 });
  expect(calls).toEqual([]);
});
