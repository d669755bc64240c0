import { describe, expect, it } from 'vitest';
import { tint } from './palette';

describe('a lighter shade of a colour', () => {
  it('moves each channel the given share of the way to white', () => {
    expect(tint('#000000', 0.5)).toBe('#808080'); // 127.5 rounds to 128
    expect(tint('#D55E00', 0.4)).toBe('#e69e66'); // 213 + 42 x 0.4 = 229.8; 94 + 161 x 0.4 = 158.4; 255 x 0.4 = 102
    expect(tint('#0072B2', 0)).toBe('#0072b2');
    expect(tint('#0072B2', 1)).toBe('#ffffff');
  });
});
