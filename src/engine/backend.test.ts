import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { chooseBackend, registerBackendLoader, screenBackends } from './backend';
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

describe('a backend offered by a loader', () => {
  // cpu stands for the worker's webgpu and webgl: taken out of the registry, then offered again
  // by a loader (its kernels stay registered under its name).
  it('is screened without loading, loaded once when set up, and chosen', async () => {
    tf.removeBackend('cpu');
    let loads = 0;
    const withdraw = registerBackendLoader('cpu', async () => {
      loads++;
      tf.registerBackend('cpu', () => new MathBackendCPU());
    });
    try {
      const { candidates } = await screenBackends(BACKEND_ORDER, []);
      expect(candidates.map((c) => c.name)).toEqual(['wasm', 'cpu']);
      expect(loads).toBe(0);
      expect(tf.findBackendFactory('cpu')).toBeNull();
      expect(await chooseBackend(['cpu', 'wasm'])).toEqual({ name: 'cpu', skipped: [] });
      expect(await chooseBackend(['cpu', 'wasm'])).toEqual({ name: 'cpu', skipped: [] });
      expect(loads).toBe(1);
      expect(tf.getBackend()).toBe('cpu');
    } finally {
      withdraw();
      if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU());
      await chooseBackend(['wasm']);
    }
  });

  it('whose code cannot be fetched is skipped with the reason, and the next backend runs', async () => {
    tf.removeBackend('cpu');
    const withdraw = registerBackendLoader('cpu', () => Promise.reject(new Error('Failed to fetch dynamically imported module')));
    try {
      expect(await chooseBackend(['cpu', 'wasm'])).toEqual({ name: 'wasm', skipped: [{ name: 'cpu', reason: 'failed to initialise: Failed to fetch dynamically imported module' }] });
    } finally {
      withdraw();
      tf.registerBackend('cpu', () => new MathBackendCPU());
    }
  });
});
