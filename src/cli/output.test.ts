import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable } from './output';
import { runCommand } from './run-command';
import { loadScenario, UsageError } from './scenario-input';

const dir = mkdtempSync(join(tmpdir(), 'adage-out-'));

describe('what a command writes, checked before it trains', () => {
  it('refuses a file in a folder that does not exist, and a folder given for a file; takes a new file in a folder that exists', () => {
    expect(() => checkWritable('--out', join(dir, 'missing', 'x.json'))).toThrow(`--out ${join(dir, 'missing', 'x.json')}: cannot write there, no folder ${join(dir, 'missing')}`);
    expect(() => checkWritable('--snapshots', dir)).toThrow(`--snapshots ${dir}: that is a folder; give a file name`);
    expect(() => checkWritable('--out', join(dir, 'new.csv'))).not.toThrow();
    expect(() => checkWritable('--out', undefined)).not.toThrow();
  });

  it('run refuses an --out it could not write, and seeds beyond what one command takes, before any scenario is built', async () => {
    const bad = join(dir, 'missing', 'results.json');
    await expect(runCommand({ scenario: '#v=1&env=entrance-tobin', seeds: 1, out: bad })).rejects.toThrow(UsageError);
    await expect(runCommand({ scenario: '#v=1&env=entrance-tobin', seeds: 1, out: bad })).rejects.toThrow('cannot write there');
    await expect(runCommand({ scenario: '#v=1&env=entrance-tobin', seeds: 100_000_000 })).rejects.toThrow('--seeds 100,000,000 = 100,000,000 runs, more than the 100,000 one command takes');
  });
});

describe('a scenario file', () => {
  it('reads JSON that starts with a byte-order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"env": "entrance-tobin", "n": 12}');
    expect(loadScenario(file)).toMatchObject({ env: 'entrance-tobin', n: 12 });
  });
});
