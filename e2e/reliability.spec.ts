/**
 * Nothing lost: a forced divergence goes back to the last checkpoint and resumes with smaller
 * learning rates; a worker that dies mid-run is replaced and the run restored with the user's
 * settings; a reload brings the settings and the results back.
 */
import { expect, test, type Page } from '@playwright/test';
import { FIRST_SILENCE_MS, HEARTBEAT_MS } from '../src/worker/client';
import { reportBackend } from './report-backend';
import { iteration, points, step } from './run-steps';

reportBackend();

const RUN = '/?more=1#v=1&env=entrance-tobin&n=10&markets=1&horizon=16&hidden=16&seed=4&leader=fixed&tau=0.05&iterations=100000';

/** The iteration the baseline's worker reports. */
const baselineIteration = async (page: Page) => Number((await page.getByTestId('baseline-iteration').innerText()).match(/iteration (\d+)/)![1]);

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
}

/** The run's simulation worker, or the baseline's, told apart by their names. */
async function simWorker(page: Page, name: 'adage-sim' | 'adage-baseline' = 'adage-sim') {
  const named = async () => {
    for (const w of page.workers()) if ((await w.evaluate(() => self.name).catch(() => '')) === name) return w;
    return null;
  };
  await expect.poll(named).not.toBeNull();
  return (await named())!;
}

const checkpoint = async (page: Page) => Number(await page.getByTestId('iteration').getAttribute('data-checkpoint'));

/**
 * The page's clock made controllable (Playwright's: it flows as the real one until moved), so
 * that a dead worker's silence is waited out at once: the watch's pings fire every HEARTBEAT_MS
 * of page time as they would over the real seconds. The limits themselves are tested against a
 * fake clock in client.test.ts, and real time in "a slow iteration is not taken for a hang".
 */
const controlClock = (page: Page) => page.clock.install();

/** Moves the page's clock past the longest silence a worker is allowed before its first iteration. */
const waitOutSilence = (page: Page) => page.clock.runFor(FIRST_SILENCE_MS + 2 * HEARTBEAT_MS);

test('a forced NaN pauses the run at its last checkpoint, says where, and resumes with halved learning rates', async ({ page }) => {
  await open(page, RUN);
  await step(page, 3);
  await expect.poll(() => checkpoint(page)).toBe(3);
  // Poison the followers' first weight matrix inside the worker, through tfjs's global engine.
  const worker = await simWorker(page);
  await worker.evaluate(() => {
    const engine = (self as unknown as { _tfengine: { state: { registeredVariables: Record<string, { assign(t: unknown): void; mul(x: number): unknown }> } } })._tfengine;
    const v = Object.values(engine.state.registeredVariables)[0];
    v.assign(v.mul(NaN));
  });
  await page.getByRole('button', { name: 'Step' }).click();
  const alert = page.getByTestId('divergence');
  await expect(alert).toContainText('Training diverged in iteration 4:');
  await expect(alert).toContainText("the followers' policy loss is NaN");
  await expect(alert).toContainText('went back to its last good checkpoint, iteration 3, and is paused');
  expect(await iteration(page)).toBe(3);
  await expect(page.getByTestId('phase')).toHaveText('paused');
  await expect.poll(() => points(page, 'chart-tax')).toBe(3);

  await alert.getByRole('button', { name: /Resume with smaller learning rates \(leaderLr 0\.003 → 0\.0015, followerLr 0\.001 → 0\.0005\)/ }).click();
  await expect(alert).toBeHidden();
  await expect.poll(() => iteration(page)).toBeGreaterThan(6);
  expect(page.url()).toContain('followerLr=0.0005');
  expect(page.url()).toContain('leaderLr=0.0015');
  // The step sizes live under "Advanced" in the form.
  await page.getByText('Advanced: learning settings').click();
  await expect(page.getByRole('spinbutton', { name: /step α_F/ })).toHaveValue('0.0005');
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('a worker that dies mid-run is replaced and the run goes on from its checkpoint with the user\'s settings', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await controlClock(page);
  await open(page, RUN);
  // A setting of the user's, changed in the form before the run.
  await page.getByRole('spinbutton', { name: /^Seed/ }).fill('11');
  await page.getByRole('spinbutton', { name: /^Seed/ }).blur();
  await expect.poll(() => page.url()).toContain('seed=11');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => checkpoint(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const worker = await simWorker(page);
  // The worker ends itself: no error event, it just stops answering.
  await worker.evaluate(() => self.close()).catch(() => undefined);
  await waitOutSilence(page);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The simulation worker stopped answering');
  await expect(notice).toContainText(/took over with your settings, from its checkpoint at iteration \d+, and training goes on/);
  const restoredFrom = Number((await notice.innerText()).match(/iteration (\d+)/)![1]);
  expect(restoredFrom).toBeGreaterThan(0);
  // Training goes on in the new worker, from the checkpoint, with seed 11.
  await expect.poll(() => iteration(page)).toBeGreaterThan(restoredFrom + 2);
  await expect(page.getByTestId('phase')).toHaveText('running');
  expect(page.url()).toContain('seed=11');
  await expect(page.getByRole('spinbutton', { name: /^Seed/ })).toHaveValue('11');
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

test('a slow iteration is not taken for a hang: the worker beats while it computes, and keeps its run', async ({ page }) => {
  await open(page, RUN);
  const worker = await simWorker(page);
  // A slow machine, made on purpose: every tfjs kernel in the worker takes 3 ms longer, so the
  // first iteration, which answers no ping until it ends, lasts longer than a silent worker may.
  await worker.evaluate(() => {
    const engine = (self as unknown as { _tfengine: { runKernel: (...args: unknown[]) => unknown } })._tfengine;
    const run = engine.runKernel.bind(engine);
    engine.runKernel = (...args: unknown[]) => {
      const until = performance.now() + 3;
      while (performance.now() < until);
      return run(...args);
    };
  });
  const started = Date.now();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => iteration(page), { timeout: 120_000 }).toBe(1);
  expect(Date.now() - started).toBeGreaterThan(FIRST_SILENCE_MS);
  await expect(page.getByTestId('notice')).toBeHidden();
  // The same worker goes on: the hook is still in it, so its iterations stay slow.
  expect(await worker.evaluate(() => self.name)).toBe('adage-sim');
});

test('a reload brings back the settings and the results, paused at the last checkpoint', async ({ page }) => {
  await open(page, RUN.replace('seed=4', 'seed=6'));
  await step(page, 4);
  await expect.poll(() => checkpoint(page)).toBe(4);
  const before = await page.getByTestId('chart-tax').getAttribute('data-points');
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('Restored your last session from this browser: iteration 4, paused.');
  expect(await iteration(page)).toBe(4);
  // The chart draws the restored history after the notice: waited for, not read at once.
  await expect(page.getByTestId('chart-tax')).toHaveAttribute('data-points', before!);
  await step(page, 1);

  // The bare address (no link of its own) gets the last settings and results too.
  await page.goto('/');
  await expect(page.getByTestId('notice')).toContainText('iteration 5, paused');
  expect(page.url()).toContain('seed=6');
  expect(await iteration(page)).toBe(5);
});

test('two tabs each get their own run back after a reload, and each lists the other to go on with', async ({ page: a, context }) => {
  const b = await context.newPage();
  // The tab in front: a browser throttles the timers of the others.
  await a.bringToFront();
  await open(a, RUN.replace('seed=4', 'seed=21'));
  await step(a, 3);
  await expect.poll(() => checkpoint(a)).toBe(3);
  await b.bringToFront();
  await open(b, RUN.replace('seed=4', 'seed=22'));
  await step(b, 2);
  await expect.poll(() => checkpoint(b)).toBe(2);
  // Reload A, then B: before, B came back at iteration 0 with no word (one record, A's).
  await a.bringToFront();
  await a.reload();
  await expect(a.getByTestId('notice')).toContainText('Restored your last session from this browser: iteration 3, paused.');
  await b.bringToFront();
  await b.reload();
  await expect(b.getByTestId('notice')).toContainText('Restored your last session from this browser: iteration 2, paused.');
  expect(b.url()).toContain('seed=22');
  // B lists A's session, and goes on with it here; B's own stays kept, listed in turn.
  await b.getByText('Save or load a trained lab').click();
  const others = b.getByTestId('other-sessions');
  await expect(others).toContainText('seed 21, iteration 3');
  await others.getByRole('button', { name: 'Go on with the session at iteration 3 (seed 21)' }).click();
  await expect.poll(() => iteration(b)).toBe(3);
  await expect(b.getByRole('spinbutton', { name: /^Seed/ })).toHaveValue('21');
  await expect(others).toContainText('seed 22, iteration 2');
});

test('a link of the scenario already open keeps the run; a stored session the lab cannot read is named, set aside, and the page works', async ({ page }) => {
  await open(page, RUN.replace('seed=4', 'seed=23'));
  await step(page, 2);
  await expect.poll(() => checkpoint(page)).toBe(2);
  // The same scenario, its fields in another order.
  const fields = new URLSearchParams(page.url().split('#')[1]);
  const reordered = new URLSearchParams([...fields].reverse());
  await page.evaluate((h) => (location.hash = h), reordered.toString());
  await expect(page.getByTestId('notice')).toContainText('This link is the scenario already open: the run goes on as it was.');
  expect(await iteration(page)).toBe(2);

  // This tab's stored session replaced by one of another lab's version.
  await page.evaluate(async () => {
    const tab = sessionStorage.getItem('adage-lab-tab')!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('adage-lab-session');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('last-session', 'readwrite');
      tx.objectStore('last-session').put({ scenario: { env: 'entrance-tobin-v2' }, checkpoint: null }, tab);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  });
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('Your last session in this browser could not be restored, and was set aside: scenario.env: unknown environment "entrance-tobin-v2"');
  await step(page, 1);
  await page.reload();
  await expect(page.getByTestId('notice')).not.toContainText('could not be restored');
});

test('a browser without IndexedDB says the session is not kept, and trains', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await open(page, RUN.replace('seed=4', 'seed=24'));
  // Said when the first checkpoint is not kept.
  await step(page, 2);
  await expect(page.getByTestId('notice')).toContainText('This browser is not keeping your session: this browser offers no storage for web pages (IndexedDB) here.');
});

test("the baseline's worker that dies is replaced, and the new one trains the baseline up to the run", async ({ page }) => {
  await controlClock(page);
  await open(page, RUN.replace('?more=1#', '?more=1&baseline=1#'));
  await step(page, 3);
  await expect.poll(() => baselineIteration(page)).toBe(3);
  const worker = await simWorker(page, 'adage-baseline');
  await worker.evaluate(() => self.close()).catch(() => undefined);
  await waitOutSilence(page);
  await expect(page.getByTestId('notice')).toContainText("The baseline's worker stopped answering");
  await expect(page.getByTestId('notice')).toContainText('retrains the baseline up to iteration 3');
  await expect.poll(() => baselineIteration(page), { timeout: 60_000 }).toBe(3);
  await step(page, 1);
  await expect.poll(() => baselineIteration(page)).toBe(4);
});

test('a link pasted into the address bar of an open lab loads, with its problems named', async ({ page }) => {
  await open(page, RUN);
  await page.evaluate(() => (location.hash = '#v=1&env=cobweb&n=3&markets=1&horizon=8&hidden=8&seed=9&bogus=1'));
  await expect(page.getByLabel('Environment')).toHaveValue('cobweb');
  await expect(page.getByTestId('link-problems')).toContainText('unknown field bogus');
  expect(page.url()).toContain('env=cobweb');
  expect(page.url()).not.toContain('bogus');
});
