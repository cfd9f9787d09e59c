/**
 * The web host's composition root: the engine thread, the HTTP/WebSocket host on top of it, the
 * access token when the host is not loopback-only, and the URLs to print.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineThread } from '../engine/thread/engine-thread';
import { isRealtimeWanted } from '../engine/thread/realtime';
import type { ClockSkew } from '../engine/time/skewed-clock';
import { createAccessToken, isLoopbackHost } from './access';
import { createWebHost } from './web-host';

/** Options for {@link runWebHost}. */
export interface RunWebHostOptions {
  host: string;
  port: number;
  /** The built renderer; out/renderer of this checkout by default. */
  rendererDir?: string;
  log?: (line: string) => void;
  /** The teaching clock (none by default). */
  clockSkew?: ClockSkew;
}

/** A running web host. */
export interface RunningWebHost {
  /** The URL to open on this computer (with the token when one is required). */
  url: string;
  /** Every URL it can be reached at. */
  urls: string[];
  port: number;
  token: string | null;
  dispose(): Promise<void>;
}

/** The built renderer of this checkout. */
export const DEFAULT_RENDERER_DIR = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../out/renderer',
);

/** Starts the engine thread and the web host; rejects with a plain-words Error. */
export async function runWebHost(options: RunWebHostOptions): Promise<RunningWebHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The app is not built yet (no ${join(rendererDir, 'index.html')}): run "npm run build" first.`,
    );
  }
  const token = isLoopbackHost(options.host) ? null : createAccessToken();
  const engine = await createEngineThread({
    log,
    discovery: true,
    realtime: isRealtimeWanted(),
    ...(options.clockSkew ? { clockSkew: options.clockSkew } : {}),
  });
  const host = createWebHost({
    service: engine,
    rendererDir,
    host: options.host,
    port: options.port,
    token,
    log,
  });
  let port: number;
  try {
    port = await host.listen();
  } catch (error) {
    await host.dispose();
    await engine.dispose();
    throw error;
  }
  const urls = urlsFor(options.host, port, token);
  return {
    url: urls[0]!,
    urls,
    port,
    token,
    async dispose() {
      await host.dispose();
      await engine.dispose();
    },
  };
}

function urlsFor(host: string, port: number, token: string | null): string[] {
  const query = token === null ? '' : `?token=${token}`;
  const url = (h: string): string => `http://${h.includes(':') ? `[${h}]` : h}:${port}/${query}`;
  if (host !== '0.0.0.0' && host !== '::') return [url(host)];
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && (a.family === 'IPv4' || host === '::'))
    .map((a) => a!.address);
  return [url('127.0.0.1'), ...lan.map(url)];
}
