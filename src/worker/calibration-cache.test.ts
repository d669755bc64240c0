import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { calibrationCache } from './calibration-cache';

const KEY = 'webgpu: nvidia hopper | entrance-tobin n=10 markets=8 horizon=128 hidden = 64';

describe('calibrationCache', () => {
  it('keeps a figure for a later visit (a new cache on the same store), by key', async () => {
    const store = createStore('calibration-test-1', 'calibrations');
    await calibrationCache(store, '1.0.0').set(KEY, { kind: 'rate', itPerS: 4.1 });
    const later = calibrationCache(store, '1.0.0');
    expect(await later.get(KEY)).toEqual({ kind: 'rate', itPerS: 4.1 });
    expect(await later.get(KEY.replace('n=10', 'n=100'))).toBeUndefined();
  });

  it('does not use the figures of another version of the lab', async () => {
    const store = createStore('calibration-test-2', 'calibrations');
    await calibrationCache(store, '1.0.0').set(KEY, { kind: 'rate', itPerS: 4.1 });
    expect(await calibrationCache(store, '1.1.0').get(KEY)).toBeUndefined();
  });

  it('storage that fails reads as nothing cached and writes as nothing', async () => {
    const refusing = calibrationCache(() => Promise.reject(new DOMException('quota', 'QuotaExceededError')));
    await expect(refusing.set(KEY, { kind: 'rate', itPerS: 1 })).resolves.toBeUndefined();
    await expect(refusing.get(KEY)).resolves.toBeUndefined();
  });
});
