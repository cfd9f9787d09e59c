/**
 * Independent OSC peers for the UI scenarios: liblo's `oscdump` as a receiver that prints what
 * arrived, and python3-liblo (Debian's /usr/bin/python3) as a sender of messages and bundles.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

/** True when liblo's oscdump is installed (apt package liblo-tools). */
export function hasOscdump(): boolean {
  return spawnSync('oscdump', ['-h'], { stdio: 'ignore' }).error === undefined;
}

/** True when python3-liblo is importable by /usr/bin/python3. */
export function hasPythonLiblo(): boolean {
  return spawnSync(PYTHON, ['-c', 'import liblo'], { stdio: 'ignore' }).status === 0;
}

/** A running `oscdump -L PORT`. */
export interface Oscdump {
  /** Everything it printed: one line per message, `TIMETAG /path types args`. */
  lines(): string[];
  /** Resolves with the first line that contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Starts oscdump on a UDP port and waits until it is bound. */
export async function startOscdump(port: number): Promise<Oscdump> {
  const child: ChildProcess = spawn('oscdump', ['-L', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  // oscdump prints nothing when it is ready; give it a moment and check it did not die (port taken).
  await new Promise((r) => setTimeout(r, 300));
  if (child.exitCode !== null) throw new Error(`[e2e] oscdump could not start on ${port}: ${out}`);
  const lines = (): string[] => out.split('\n').filter(Boolean);
  return {
    lines,
    async waitFor(text, timeoutMs = 5000) {
      for (const end = Date.now() + timeoutMs; ;) {
        const line = lines().find((l) => l.includes(text));
        if (line) return line;
        if (Date.now() > end)
          throw new Error(`[e2e] oscdump never printed "${text}"; it printed:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Sends from python3-liblo: a plain message, or (with `aheadS`) a bundle timetagged that many
 * seconds ahead, as the seeds' Python client does. Arguments are strings.
 */
export function pythonLibloSend(
  port: number,
  address: string,
  args: string[],
  aheadS?: number,
): void {
  const message = `liblo.Message(${JSON.stringify(address)}${args.map((a) => `, ${JSON.stringify(a)}`).join('')})`;
  const packet =
    aheadS === undefined ? message : `liblo.Bundle(liblo.time() + ${aheadS}, ${message})`;
  const code = `import liblo; liblo.send(liblo.Address('127.0.0.1', ${port}), ${packet})`;
  const run = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', timeout: 10_000 });
  if (run.status !== 0) throw new Error(`[e2e] python3-liblo failed: ${run.stderr || run.error}`);
}
