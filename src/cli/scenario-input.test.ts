/**
 * The CLI's scenario file, judged by what its path is and by its size before a byte is read
 * (issue 22: `--scenario /dev/zero` read until std::bad_alloc); a scenario file as large as a
 * valid one can be is read.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { encodeSeries } from '../envs/calibration/series-data';
import { scenarioSchema } from '../scenario/schema';
import { loadScenario, MAX_SCENARIO_FILE_BYTES, UsageError } from './scenario-input';

const dir = mkdtempSync(join(tmpdir(), 'adage-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `loadScenario(path)`'s UsageError message (it must throw one). */
function refusal(path: string): string {
  try {
    loadScenario(path);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`${path} was loaded`);
}

/** A file of `size` bytes that is all a hole: its size is known without a byte written. */
function sparse(name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

describe('a scenario path that is no regular file', () => {
  it('is refused at once when it is a device that never ends (/dev/zero)', () => {
    expect(refusal('/dev/zero')).toBe('the scenario file /dev/zero is a character device, not a regular file: give a JSON file of scenario fields or a lab link');
  });

  it('is refused when it is a named pipe (reading one waits for a writer) or a directory', () => {
    const fifo = join(dir, 'scenario.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toBe(`the scenario file ${fifo} is a named pipe (FIFO), not a regular file: give a JSON file of scenario fields or a lab link`);
    const folder = join(dir, 'scenario.json');
    mkdirSync(folder);
    expect(refusal(folder)).toBe(`the scenario file ${folder} is a directory, not a regular file: give a JSON file of scenario fields or a lab link`);
  });

  it('is refused, unread, as missing when there is nothing there', () => {
    const missing = join(dir, 'missing.json');
    expect(refusal(missing)).toBe(`cannot read the scenario file ${missing}: ENOENT: no such file or directory, stat '${missing}'`);
  });
});

describe('a scenario file by its size', () => {
  it('is refused past the limit, 261,736 bytes, naming its size, before it is read', () => {
    expect(MAX_SCENARIO_FILE_BYTES).toBe(6 * 32_700 + 65_536);
    const justOver = sparse('just-over.json', MAX_SCENARIO_FILE_BYTES + 1);
    expect(refusal(justOver)).toBe(`the scenario file ${justOver}: the file is 261,737 bytes, over the 261.7 kB (261,736 bytes) limit for a scenario file`);
    const huge = sparse('huge.json', 3_000_000_000);
    expect(refusal(huge)).toBe(`the scenario file ${huge}: the file is 3 GB, over the 261.7 kB limit for a scenario file`);
  });

  it('is read up to the limit: 5000 observed Cournot prices, every character written as a \\u escape, pretty-printed', () => {
    const rng = Rng.fromSeed(5);
    const prices = Array.from({ length: 5000 }, () => Math.round((100 + 900 * rng.uniform()) * 1000) / 1000);
    const scenario = scenarioSchema.parse({ env: 'cournot', target: 'data', targetData: encodeSeries(prices) });
    const escaped = (text: string) => Array.from(text, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const json = JSON.stringify(scenario, null, 2).replace(/"targetData": "([^"]*)"/, (_all, text: string) => `"targetData": "${escaped(text)}"`);
    expect(json.length).toBeGreaterThan(140_000);
    expect(json.length).toBeLessThanOrEqual(MAX_SCENARIO_FILE_BYTES);
    const path = join(dir, 'cournot-prices.json');
    writeFileSync(path, json);
    expect(loadScenario(path)).toEqual(scenario);
  });
});
