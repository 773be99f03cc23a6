/** `text` parsed as an https URL (with a host), or undefined when it is not one. */
export function parseHttpsUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' && url.hostname !== '' ? url : undefined;
}
