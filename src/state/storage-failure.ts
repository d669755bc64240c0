/**
 * Why this browser did not keep something, in words a person can act on, from what IndexedDB
 * (through idb-keyval) threw: a full quota, storage switched off (private windows, blocked site
 * data), or no IndexedDB at all, which surfaced as "Cannot read properties of undefined (reading
 * 'open')". Anything else is the lab's own message, as it was.
 */
export function storageFailure(err: unknown): string {
  if (typeof indexedDB === 'undefined') return 'this browser offers no storage for web pages (IndexedDB) here';
  if (!(err instanceof DOMException)) return err instanceof Error ? err.message : String(err);
  if (err.name === 'QuotaExceededError') return "this browser's storage for the lab is full (its quota is used up)";
  if (['SecurityError', 'InvalidStateError', 'UnknownError'].includes(err.name)) return `this browser refuses storage to the page (private browsing, or site data blocked: ${err.message})`;
  return `this browser could not store it (${err.name}: ${err.message})`;
}
