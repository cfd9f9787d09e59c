/**
 * The web host as `npm run serve` runs it (a real process), on a fixed port so a test can stop
 * and restart it and watch the page reconnect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

/** How to run the host: under a wrapper program (e.g. faketime), with more environment. */
export interface WebHostOptions {
  /** The wrapper and its arguments, e.g. ['faketime', '-f', '+0.25']: it runs node as its child. */
  wrapper?: string[];
  env?: Record<string, string>;
}

/**
 * The wrapper's children (its node), read from /proc: faketime forwards no signal, so stop asks
 * the child itself.
 */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Creates the process handle (not started). */
export function createWebHostProcess(port: number, options: WebHostOptions = {}): WebHostProcess {
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
      const node = [
        process.execPath,
        '--import',
        'tsx',
        'electron/web/serve.ts',
        '--port',
        String(port),
      ];
      const [command, ...args] = [...(options.wrapper ?? []), ...node];
      const p = spawn(command!, args, {
        cwd: root,
        env: { ...process.env, DISPLAY: '', ...options.env },
      });
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
      const targets = options.wrapper ? childrenOf(p.pid!) : [];
      const signal = (name: NodeJS.Signals): void => {
        if (targets.length === 0) return void p.kill(name);
        for (const pid of targets) {
          try {
            process.kill(pid, name);
          } catch {
            // already gone
          }
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
