/**
 * A file refused by its size, from its metadata, before a byte of it is read: the lab's uploads
 * (ui/upload.ts) and the CLI's scenario file (cli/scenario-input.ts) say it the same way.
 */

/** A size in words, decimal units as file managers show them: "950 bytes", "200 kB", "10.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  // Three significant figures at most, without trailing zeros: 10.5 MB, 200 kB, 537 MB.
  return `${Number(value.toPrecision(value < 100 ? 3 : 4)).toString()} ${unit}`;
}

/** Why a file is refused by its size alone (read from the file's metadata, not its contents), or null. */
export function sizeProblem(size: number, maxBytes: number, what: string): string | null {
  if (size <= maxBytes) return null;
  // Just over the limit, both round alike: then in bytes.
  const exact = formatBytes(size) === formatBytes(maxBytes);
  const [file, limit] = exact ? [`${size.toLocaleString('en')} bytes`, `${formatBytes(maxBytes)} (${maxBytes.toLocaleString('en')} bytes)`] : [formatBytes(size), formatBytes(maxBytes)];
  return `the file is ${file}, over the ${limit} limit for ${what}`;
}
