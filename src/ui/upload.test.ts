/**
 * What every upload shares: refused by size before it is read, and refused when empty or binary,
 * each with a message naming the problem (and the limit, and the line).
 */
import { describe, expect, it } from 'vitest';
import { viewOf } from '../envs/catalog';
import type { UploadSpec } from '../envs/view/types';
import { MAX_POLICIES_BYTES } from '../scenario/policies-file';
import { readUpload, sentence, textProblem } from './upload';

/** The calibrations' limit on an uploaded CSV of observed prices. */
const MAX_CSV_BYTES = viewOf('cobweb').form.flatMap((s) => s.items).find((i): i is UploadSpec => i.kind === 'upload')!.maxBytes;

/** A file of `size` bytes whose contents must never be read (reading it fails the test). */
const unreadable = (name: string, size: number) => ({ name, size, text: () => Promise.reject(new Error(`${name} was read`)) });

describe('an upload refused by its size', () => {
  it('is refused before a byte of it is read', async () => {
    await expect(readUpload(unreadable('huge.csv', 11_010_048), MAX_CSV_BYTES, 'observed prices')).rejects.toThrow(
      'the file is 11 MB, over the 200 kB limit for observed prices',
    );
    await expect(readUpload(unreadable('huge.policies.json', 600_000_000), MAX_POLICIES_BYTES, 'a policies file')).rejects.toThrow(
      'the file is 600 MB, over the 540 MB limit for a policies file',
    );
    // Within the limit it is read (here: the reading itself fails, and says so).
    await expect(readUpload(unreadable('ok.csv', 10), MAX_CSV_BYTES, 'observed prices')).rejects.toThrow('the file could not be read (ok.csv was read)');
  });
});

describe('an upload refused by its text', () => {
  it('says a file is empty, or only whitespace', () => {
    expect(textProblem('')).toBe('the file is empty (0 bytes)');
    expect(textProblem(' \r\n\t\n')).toBe('the file holds only whitespace');
    expect(textProblem('price\n5.1\n')).toBeNull();
  });

  it('says a binary file is not text, naming the first line with binary data', () => {
    expect(textProblem('price\n5.1\n\u0000\u0001PK')).toBe('the file is not text: line 3 holds binary data (a spreadsheet or an archive rather than its export?)');
    // Bytes that are not UTF-8 arrive as U+FFFD.
    expect(textProblem('\uFFFD\uFFFDJFIF')).toMatch(/^the file is not text: line 1 holds binary data/);
  });

  it('reads a real file: binary bytes, empty and good files', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x0a]);
    await expect(readUpload(new File([bytes], 'prices.xlsx'), MAX_CSV_BYTES, 'observed prices')).rejects.toThrow('the file is not text: line 1');
    await expect(readUpload(new File([], 'empty.csv'), MAX_CSV_BYTES, 'observed prices')).rejects.toThrow('the file is empty (0 bytes)');
    await expect(readUpload(new File(['price\n5.1\n'], 'ok.csv'), MAX_CSV_BYTES, 'observed prices')).resolves.toBe('price\n5.1\n');
  });

  it('puts a clause as a sentence after a file name', () => {
    expect(sentence('the file is empty (0 bytes)')).toBe('The file is empty (0 bytes).');
  });
});
