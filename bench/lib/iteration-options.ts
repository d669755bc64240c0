/**
 * Figure 9's choices from the command line: which sizes, widths, backends, hosts and row modes
 * to measure, and the time budget of each row. Pure, so it is tested.
 *
 *   --sizes 100x8x128,1000x8x128   n x markets x horizon
 *   --hidden 64                    hidden units
 *   --backends webgpu,wasm         of webgpu, webgl, wasm, cpu (each host runs those it has)
 *   --hosts node                   node, chromium
 *   --rows distinct,every          the lab's default (each distinct row once) and every row
 *   --budget 30                    seconds a row may take, warm-up included
 */
import { BACKEND_ORDER, type BackendName } from '../../src/engine/backend-names';

export interface Size {
  n: number;
  markets: number;
  horizon: number;
}

export const HOSTS = ['node', 'chromium'] as const;
export type IterationHost = (typeof HOSTS)[number];
/** 'distinct': the lab's default (RowGrouping 'identical'); 'every': every row through the networks ('none'). */
export const ROW_MODES = ['distinct', 'every'] as const;
export type RowMode = (typeof ROW_MODES)[number];

export interface IterationOptions {
  sizes: Size[];
  hidden: number[];
  backends: BackendName[];
  hosts: IterationHost[];
  rows: RowMode[];
  budgetS: number;
}

/**
 * Issue 19's sizes and widths. 30 s a row keeps the default run near 10 minutes on a 2-core
 * machine without a GPU (wasm's rows are done within it; the GPU backends on a software
 * adapter say how far they got).
 */
export const DEFAULT_ITERATION_OPTIONS: IterationOptions = {
  sizes: [
    { n: 100, markets: 8, horizon: 128 },
    { n: 1000, markets: 8, horizon: 128 },
    { n: 10000, markets: 4, horizon: 128 },
  ],
  hidden: [64, 256],
  backends: [...BACKEND_ORDER],
  hosts: [...HOSTS],
  rows: ['distinct'],
  budgetS: 30,
};

/** The flags that take a value (so that a number after one is not taken for a figure). */
export const ITERATION_FLAGS = ['--sizes', '--hidden', '--backends', '--hosts', '--rows', '--budget'] as const;

const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);

function positiveInt(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag}: ${JSON.stringify(text)} is not a whole number above 0`);
  return v;
}

function oneOf<T extends string>(flag: string, allowed: readonly T[], text: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`${flag}: ${JSON.stringify(text)} is not one of ${allowed.join(', ')}`);
  return text as T;
}

function size(text: string): Size {
  const parts = text.split('x');
  if (parts.length !== 3) throw new Error(`--sizes: ${JSON.stringify(text)} is not n x markets x horizon, e.g. 100x8x128`);
  const [n, markets, horizon] = parts.map((p) => positiveInt('--sizes', p));
  return { n, markets, horizon };
}

/** The options `value` (the text after each flag, or undefined) asks for; an Error names the flag at fault. */
export function parseIterationOptions(value: (flag: (typeof ITERATION_FLAGS)[number]) => string | undefined): IterationOptions {
  const d = DEFAULT_ITERATION_OPTIONS;
  const each = <T>(flag: (typeof ITERATION_FLAGS)[number], parse: (text: string) => T, fallback: T[]): T[] => {
    const text = value(flag);
    if (text === undefined) return fallback;
    const items = list(text);
    if (!items.length) throw new Error(`${flag} needs a value`);
    return items.map(parse);
  };
  const budget = value('--budget');
  const budgetS = budget === undefined ? d.budgetS : Number(budget);
  if (!(budgetS > 0)) throw new Error(`--budget: ${JSON.stringify(budget)} is not a number of seconds above 0`);
  return {
    sizes: each('--sizes', size, d.sizes),
    hidden: each('--hidden', (t) => positiveInt('--hidden', t), d.hidden),
    backends: each('--backends', (t) => oneOf('--backends', BACKEND_ORDER, t), d.backends),
    hosts: each('--hosts', (t) => oneOf('--hosts', HOSTS, t), d.hosts),
    rows: each('--rows', (t) => oneOf('--rows', ROW_MODES, t), d.rows),
    budgetS,
  };
}

/** "100x8x128" */
export const sizeLabel = (s: Size) => `${s.n}x${s.markets}x${s.horizon}`;
