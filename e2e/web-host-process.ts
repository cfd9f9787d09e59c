/**
 * The web host as `npm run serve` runs it (a real process), on a fixed port so a test can stop
 * and restart it and watch the page reconnect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A web host process that can be stopped and started again on the same port. */
export interface WebHostProcess {
  port: number;
  url: string;
  /** Everything it printed. */
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the process handle (not started). */
export function createWebHostProcess(port: number): WebHostProcess {
  if (!existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('[e2e] out/renderer is not built: run "npm run build" before "npm run e2e".');
  }
  let child: ChildProcess | null = null;
  let output = '';
  const url = `http://127.0.0.1:${port}/`;
  return {
    port,
    url,
    output: () => output,
    async start() {
      const p = spawn(
        process.execPath,
        ['--import', 'tsx', 'electron/web/serve.ts', '--port', String(port)],
        {
          cwd: root,
          env: { ...process.env, DISPLAY: '' },
        },
      );
      child = p;
      p.stdout!.on('data', (d) => (output += d));
      p.stderr!.on('data', (d) => (output += d));
      for (const end = Date.now() + 20_000; !output.includes(`running at ${url}`);) {
        if (p.exitCode !== null || Date.now() > end) {
          throw new Error(`[e2e] the web host did not start:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      const p = child;
      child = null;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill('SIGTERM');
      const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
