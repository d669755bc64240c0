/**
 * Figure 9's Chromium host: the bench page (bench/iteration-page/), built with the lab's Vite
 * config and served as the lab is, trains in a dedicated worker as the lab does; each row in a
 * fresh page (a fresh worker and GPU device), closed at the row's budget. WebGPU is asked of
 * a GPU first (the flags that enable it, without those that force SwiftShader); where Chromium
 * finds none, or falls back to SwiftShader by itself, Chromium starts again with the whole set
 * of SwiftShader flags the end-to-end tests use.
 */
import type { Browser } from '@playwright/test';
import { WEBGPU_ARGS } from '../../e2e/chromium-flags';
import type { BackendName } from '../../src/engine/backend-names';
import type { Outcome, RowHost, RowMessage } from './iterations';
import type { LabFactory } from './lab';

const PAGE = 'bench/iteration-page';
const CHROMIUM_BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const GPU_ARGS = WEBGPU_ARGS.filter((a) => !/swiftshader/.test(a));
const POLL_MS = 500;

type Adapter = Record<'vendor' | 'architecture' | 'device' | 'description', string>;

/** The WebGPU adapter a page of `browser` is granted, or null. */
async function adapterOf(browser: Browser, url: string): Promise<Adapter | null> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info: Adapter } | null> } }).gpu;
      const info = (await gpu?.requestAdapter())?.info;
      return info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description } : null;
    });
  } finally {
    await page.close();
  }
}

/** SwiftShader, or a software adapter like it: Chromium falls back to one when it finds no GPU. */
const software = (a: Adapter) => /swiftshader|software|fallback/i.test(`${a.architecture} ${a.description}`);

export async function chromiumHost(lab: LabFactory, wanted: BackendName[]): Promise<RowHost> {
  const backends = CHROMIUM_BACKENDS.filter((b) => wanted.includes(b));
  const served = await lab({ root: PAGE });
  let args = GPU_ARGS;
  let browser = await served.launch(args);
  let adapter = await adapterOf(browser, served.url);
  // With part of the SwiftShader flags, reads on webgpu have returned zeros (the shared design notes).
  if (backends.includes('webgpu') && (!adapter || software(adapter))) {
    await browser.close();
    args = WEBGPU_ARGS;
    browser = await served.launch(args);
    adapter = await adapterOf(browser, served.url);
  }
  const describe = (a: Adapter) => Object.values(a).filter(Boolean).join(' ');
  const note = !backends.includes('webgpu')
    ? null
    : adapter
      ? `Chromium webgpu: the adapter "${describe(adapter)}" (flags ${args.join(' ')}).${software(adapter) ? " No GPU here: counts are a GPU's, times are not." : ''}`
      : `Chromium webgpu: no adapter, not even with the flags ${args.join(' ')}.`;
  return {
    backends,
    notes: note ? [note] : [],
    async measure(r, budgetS): Promise<Outcome> {
      const deadline = Date.now() + budgetS * 1000;
      const context = await browser.newContext();
      let messages: RowMessage[] = [];
      let problem: string | null = null;
      try {
        const page = await context.newPage();
        await page.goto(served.url);
        await page.evaluate((request) => window.benchRow.start(request), { ...r, deadline });
        for (;;) {
          messages = await page.evaluate(() => window.benchRow.messages);
          const last = messages.at(-1);
          if ((last && ('error' in last || last.progress.done)) || Date.now() >= deadline) break;
          await page.waitForTimeout(Math.min(POLL_MS, deadline - Date.now()));
        }
      } catch (err) {
        // The page crashed (out of memory, a lost GPU process): what it sent before stands.
        problem = `failed: ${(err as Error).message.split('\n')[0]}`;
      } finally {
        await context.close();
      }
      const progress = messages.flatMap((m) => ('progress' in m ? [m.progress] : [])).pop() ?? null;
      const error = messages.flatMap((m) => ('error' in m ? [m.error] : []))[0];
      return { progress, problem: error ? `failed: ${error}` : problem };
    },
  };
}
