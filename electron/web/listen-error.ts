/** Why the web host could not listen, in words a person can act on. */

/** Maps a `server.listen` error to a sentence; keeps the system code on the error. */
export function describeListenError(error: unknown, host: string, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const text = ((): string => {
    switch (code) {
      case 'EADDRINUSE':
        return `Port ${port} is already in use on ${host} (another Syncroscope or web server?). Stop it, or choose another port with --port, e.g. --port ${port === 65535 ? 5180 : port + 1}.`;
      case 'EACCES':
        return `Permission denied to listen on ${where}: ports below 1024 need administrator rights. Choose a port from 1024 to 65535 with --port.`;
      case 'EADDRNOTAVAIL':
        return `The address ${host} does not belong to this computer. Use --host 127.0.0.1 (this computer only) or --host 0.0.0.0 (the network).`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `Unknown host "${host}": use an IP address such as 127.0.0.1 or 0.0.0.0.`;
      default:
        return `Could not listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
    }
  })();
  return Object.assign(new Error(text, { cause: error }), {
    code: typeof code === 'string' ? code : 'EUNKNOWN',
  });
}
