import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenBackends } from './backend';
import { BACKEND_ORDER } from './backend-names';
import { useNodeBackend } from './node-backend';

beforeAll(async () => {
  await useNodeBackend();
});

describe('screenBackends', () => {
  it('names what could run by its device, and what could not by its reason, setting nothing up', async () => {
    const { candidates, skipped } = await screenBackends(BACKEND_ORDER, ['cpu']);
    expect(candidates).toEqual([{ name: 'wasm', identity: expect.stringMatching(/^wasm: (\d+|unknown) cores$/) }]);
    expect(skipped).toEqual([
      { name: 'webgpu', reason: 'not available in this host' },
      { name: 'webgl', reason: 'not available in this host' },
      { name: 'cpu', reason: 'its device was lost earlier in this session' },
    ]);
    // Still the backend chosen before: screening only looked.
    expect(tf.getBackend()).toBe('wasm');
  });
});
