import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeArray, encodeArray } from './arrays';
import { carried } from './carried';
import { captureFields, restoreFields } from './fields';
import { StateError, StateReader } from './state';
import { loadVariables } from './weights';

describe('encoded arrays', () => {
  it('come back bit for bit in every dtype, special values included', () => {
    const arrays = [
      Float32Array.of(1.5, -0, NaN, Infinity, 3.4e38, 1e-45),
      Float64Array.of(0.1, -Infinity, 2 ** -1074, Math.PI),
      Int32Array.of(-(2 ** 31), 2 ** 31 - 1, 0),
      Uint32Array.of(2 ** 32 - 1, 7),
    ];
    for (const a of arrays) {
      const back = decodeArray(JSON.parse(JSON.stringify(encodeArray(a))));
      expect(back.constructor).toBe(a.constructor);
      expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(a.buffer));
    }
  });

  it('are little-endian base64 of the values, as the file format says', () => {
    // 1.0f is 0x3f800000: bytes 00 00 80 3f.
    expect(encodeArray(Float32Array.of(1), [1, 1])).toEqual({ dtype: 'float32', shape: [1, 1], data: btoa('\x00\x00\x80\x3f') });
  });

  it('refuse data that does not fill their shape, naming the path and both sizes', () => {
    const e = { ...encodeArray(new Float32Array(6), [2, 3]), shape: [2, 4] };
    expect(() => new StateReader({ w: e }).get('w').array('float32')).toThrow('state.w: its data holds 24 bytes, but 8 float32 values (shape 2x4) need 32');
    expect(() => new StateReader({ w: encodeArray(new Float32Array(6), [2, 3]) }).get('w').array('float32', [3, 2])).toThrow(
      'state.w: shape 2x3 in the file, 3x2 in this scenario',
    );
    expect(() => new StateReader({ w: { dtype: 'float32', shape: [1], data: '*' } }).get('w').array('float32')).toThrow('state.w: its data is not base64');
  });

  it('refuse another dtype, and name the part of a damaged encoding that is wrong', () => {
    const read = (w: unknown) => () => new StateReader({ w }, 'state.followers').get('w').array('float32');
    expect(read(encodeArray(Float64Array.of(1, 2)))).toThrow('state.followers.w: float64 values in the file, float32 expected');
    expect(read({ dtype: 'float16', shape: [2], data: '' })).toThrow(/^state\.followers\.w\.dtype: Invalid option: expected one of "float32"/);
    expect(read({ dtype: 'float32', shape: [2, -1], data: '' })).toThrow(/^state\.followers\.w\.shape\[1\]: Too small: expected number to be >=0/);
    expect(read({ dtype: 'float32', shape: [2] })).toThrow(/^state\.followers\.w\.data: /);
    expect(read([1, 2])).toThrow('state.followers.w: expected an encoded array {dtype, shape, data}, got a list of 2');
    expect(read({})).toThrow('state.followers.w: expected an encoded array {dtype, shape, data}, got a record');
  });
});

describe('trained weights (tfjs variables) loaded from a state', () => {
  const variables = () => [tf.variable(tf.zeros([2, 2])), tf.variable(tf.zeros([3]))];
  const saved = (second: Float32Array) => new StateReader({ weights: [encodeArray(Float32Array.of(1, 2, 3, 4), [2, 2]), encodeArray(second, [3])] }, 'state.followers').get('weights');

  it('are assigned when every entry fits', async () => {
    const vs = variables();
    loadVariables(vs, saved(Float32Array.of(5, 6, 7)));
    expect(Array.from(await vs[1].data())).toEqual([5, 6, 7]);
    vs.forEach((v) => v.dispose());
  });

  it('refuse NaN or an infinity inside the base64 data (a diverged run), naming the array and the index, and assign nothing', async () => {
    for (const [bad, shown] of [
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
    ] as const) {
      const vs = variables();
      let err: unknown;
      try {
        loadVariables(vs, saved(Float32Array.of(5, bad, 7)));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StateError);
      expect((err as StateError).field).toBe('state.followers.weights[1]');
      expect((err as Error).message).toBe(
        `state.followers.weights[1]: ${shown} at index 1 of its 3 values; a trained weight must be a finite number (had the run it was saved from diverged?)`,
      );
      // The first entry was fine, but nothing is assigned until every entry is.
      expect(Array.from(await vs[0].data())).toEqual([0, 0, 0, 0]);
      vs.forEach((v) => v.dispose());
    }
  });

  it('refuse a list with a hole (as IndexedDB may keep one), naming the entry', () => {
    const vs = variables();
    const holed = [encodeArray(new Float32Array(4), [2, 2])];
    holed.length = 2;
    expect(() => loadVariables(vs, new StateReader({ w: holed }).get('w'))).toThrow('state.w[1]: expected an encoded array {dtype, shape, data}, got undefined');
    vs.forEach((v) => v.dispose());
  });

  it('refuse a list of another length or an entry of another shape', () => {
    const vs = variables();
    expect(() => loadVariables(vs, new StateReader({ w: [encodeArray(new Float32Array(4), [2, 2])] }).get('w'))).toThrow('state.w: 1 entries in the file, 2 in this scenario');
    expect(() => loadVariables(vs, new StateReader({ w: [encodeArray(new Float32Array(4), [4, 1]), encodeArray(new Float32Array(3))] }).get('w'))).toThrow(
      'state.w[0]: shape 4x1 in the file, 2x2 in this scenario',
    );
    vs.forEach((v) => v.dispose());
  });
});

describe("an object's carried fields", () => {
  class Market {
    price = Float64Array.of(1, 2);
    steps = 3;
    open = true;
    cache: Float64Array | null = null;
    windows = { recent: [Float64Array.of(5)], shown: 0 };
    label = 'kept by the scenario';
    /** Set from the scenario: a file cannot change it. */
    agents = 4;
    constructor() {
      carried(this, 'steps', 'open', 'windows.shown');
    }
  }

  it('are written back in place, caches and records included', () => {
    const a = new Market();
    a.steps = 9;
    a.open = false;
    a.price[1] = 7;
    a.cache = Float64Array.of(4);
    a.windows.recent.push(Float64Array.of(6));
    a.windows.shown = 2;
    const saved = JSON.parse(JSON.stringify(captureFields(a)));
    expect(saved.label).toBeUndefined();
    const b = new Market();
    const held = b.price;
    restoreFields(b, new StateReader(saved));
    expect(b.price).toBe(held);
    expect({ ...b }).toEqual({ ...a });
  });

  it('refuse a state missing a field or with an array of another length', () => {
    const saved = captureFields(new Market());
    const { steps: _, ...noSteps } = saved;
    expect(() => restoreFields(new Market(), new StateReader(noSteps, 'state.env'))).toThrow('state.env.steps: missing from the file');
    const short = { ...saved, price: encodeArray(Float64Array.of(1)) };
    expect(() => restoreFields(new Market(), new StateReader(short, 'state.env'))).toThrow('state.env.price: shape 1 in the file, 2 in this scenario');
  });

  it('keep what the scenario set, whatever the file says, and refuse a carried value that is not finite where the scenario holds a finite one', () => {
    const saved = { ...captureFields(new Market()), agents: 1e12 };
    const b = new Market();
    restoreFields(b, new StateReader(saved));
    expect(b.agents).toBe(4);
    expect(() => restoreFields(new Market(), new StateReader({ ...saved, steps: Infinity }, 'state.env'))).toThrow('state.env.steps: expected a finite number, got Infinity');
    const bad = { ...saved, price: encodeArray(Float64Array.of(1, NaN)) };
    expect(() => restoreFields(new Market(), new StateReader(bad, 'state.env'))).toThrow('state.env.price: entry 1 is NaN, where this scenario holds finite numbers');
  });
});
