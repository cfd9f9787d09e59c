/** Manual peer entry: "host:port" (or "[v6]:port") in plain words, checked before anything is sent. */

/** A parsed endpoint, or what is wrong with the text. */
export type ParsedEndpoint = { host: string; port: number } | { error: string };

/** Parses "host:port"; the engine still checks the host when the target is added. */
export function parseEndpoint(text: string): ParsedEndpoint {
  const t = text.trim();
  if (t === '') return { error: 'Type where the peer listens, e.g. 192.168.1.20:8000.' };
  const m = /^(\[[^\]]+\]|[^\s:]+):(\d{1,5})$/.exec(t);
  if (!m) {
    return {
      error: `"${t}" is not host:port: write the address, a colon and the port (192.168.1.20:8000).`,
    };
  }
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return { error: `the port must be 1 to 65535, not ${port}.` };
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}
