import { describe, expect, it } from 'vitest';
import { decodeArray, encodeArray } from './arrays';
import { captureFields, restoreFields } from './fields';
import { StateReader } from './state';

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
});

describe("an object's carried fields", () => {
  class Market {
    price = Float64Array.of(1, 2);
    steps = 3;
    open = true;
    cache: Float64Array | null = null;
    windows = { recent: [Float64Array.of(5)] };
    label = 'kept by the scenario';
  }

  it('are written back in place, caches and records included', () => {
    const a = new Market();
    a.steps = 9;
    a.open = false;
    a.price[1] = 7;
    a.cache = Float64Array.of(4);
    a.windows.recent.push(Float64Array.of(6));
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
});
