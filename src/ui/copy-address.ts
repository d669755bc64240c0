/**
 * Copies the page's address (which holds the scenario and the page options) and returns what
 * to tell the user: where the clipboard is refused (no permission, an insecure page), the
 * address bar itself is the link.
 */
export async function copyAddress(what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(location.href);
    return `${what} copied`;
  } catch {
    return `Copy the address bar: it holds the ${what.toLowerCase()}`;
  }
}
