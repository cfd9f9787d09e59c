/**
 * The web host: the built renderer over HTTP and the contract over a WebSocket, on one port.
 * Every response carries the security headers (COOP/COEP isolation, CSP); every request passes
 * the access rule (loopback only, or the token).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_FRAME_BYTES, WS_PATH, type ContractService } from '../../shared/ipc';
import { checkAccess } from './access';
import { securityHeaders } from './headers';
import { describeListenError } from './listen-error';
import { serveStatic } from './static-files';
import { createWsContract, type WsContractOptions, type WsContractStats } from './ws-contract';

/**
 * Longest frame the WebSocket reads at all. Frames above MAX_CLIENT_FRAME_BYTES and up to this get
 * an error result; beyond it the library closes the connection (1009) without buffering the rest.
 */
const HARD_FRAME_BYTES = 4 * MAX_CLIENT_FRAME_BYTES;

/** Options for {@link createWebHost}. */
export interface WebHostOptions {
  service: ContractService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Address to bind: 127.0.0.1 by default. */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Required on every request when not null (see access.ts). */
  token: string | null;
  log: (line: string) => void;
  /** The WebSocket's unsent-data limits (see ws-contract.ts); tests make them small. */
  wsLimits?: WsContractOptions['limits'];
}

/** A web host; `listen` binds, `dispose` closes connections and the port. */
export interface WebHost {
  /** Binds; rejects with a plain-words error (port in use...). Resolves to the bound port. */
  listen(): Promise<number>;
  /** Open WebSocket connections. */
  readonly connections: number;
  /** What the WebSocket guards did (slow readers, refused frames). */
  stats(): WsContractStats;
  dispose(): Promise<void>;
}

/** Creates the web host (not yet listening). */
export function createWebHost(options: WebHostOptions): WebHost {
  const { log, token } = options;
  const contract = createWsContract({
    service: options.service,
    log,
    ...(options.wsLimits ? { limits: options.wsLimits } : {}),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_BYTES });

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = securityHeaders();
    const deny = (status: number, text: string): void => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'Method not allowed');
    const access = checkAccess(req, token);
    if (!access.ok) return deny(access.status, access.reason);
    if (access.setCookie) headers['Set-Cookie'] = access.setCookie;
    const { pathname } = new URL(req.url ?? '/', 'http://placeholder');
    if (pathname === WS_PATH) return deny(426, 'This address is for the WebSocket.');
    serveStatic(options.rendererDir, pathname, req.method === 'HEAD', res, headers).catch(
      (error: Error) => {
        log(`[web] could not serve ${pathname}: ${error.message}`);
        if (!res.headersSent) deny(500, 'Internal error');
        else res.destroy();
      },
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { pathname } = new URL(req.url ?? '/', 'http://placeholder');
    const access = pathname === WS_PATH ? checkAccess(req, token) : null;
    if (!access?.ok) {
      const status = !access
        ? '404 Not Found'
        : access.status === 400
          ? '400 Bad Request'
          : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      if (access) log(`[web] refused a WebSocket: ${access.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => contract.accept(ws));
  };

  const server = createServer(onRequest);
  server.on('upgrade', onUpgrade);

  return {
    listen() {
      return new Promise((resolve, reject) => {
        const onError = (error: Error): void =>
          reject(describeListenError(error, options.host, options.port));
        server.once('error', onError);
        server.listen({ host: options.host, port: options.port }, () => {
          server.off('error', onError);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : options.port);
        });
      });
    },
    get connections() {
      return contract.size;
    },
    stats: () => contract.stats(),
    async dispose() {
      contract.dispose();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
