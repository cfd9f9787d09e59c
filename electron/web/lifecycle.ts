/** What both CLI entries (serve, start) print and how they stop. */
import type { RunningWebHost } from './run';

/** Prints where to open the UI, and the token rule when one is in force. */
export function printUrls(running: RunningWebHost): void {
  console.log(`[web] Syncroscope is running at ${running.url}`);
  if (running.token === null) return;
  for (const url of running.urls.slice(1)) console.log(`[web]   from another device: ${url}`);
  console.log('[web] Shared on the network: anyone with this token can control the engine.');
}

/** Disposes on Ctrl-C / SIGTERM (sockets closed, thread ended), then exits. */
export function stopOnSignals(running: RunningWebHost): void {
  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[web] ${signal}: stopping`);
    void running.dispose().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
