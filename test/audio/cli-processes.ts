/**
 * The project's own CLI as separate processes: impairment relays and a metronome. A separate
 * process per relay keeps their scheduling independent of the hosts under test, and one
 * metronome with several targets sends every target the very same timetags.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './tools';

const BIN = join(repoRoot(), 'bin/syncroscope.js');

function syncroscope(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: repoRoot(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, stderr: () => stderr };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A running `syncroscope relay`. */
export interface RelayProcess {
  listenPort: number;
  /** Stops it; resolves to the sd of the delay it added (its exit summary), or NaN. */
  stop(): Promise<number>;
}

/** Starts a relay listenPort -> 127.0.0.1:toPort with normal jitter (replies unimpaired unless two-way). */
export async function startRelay(options: {
  listenPort: number;
  toPort: number;
  delayMs: number;
  jitterMs: number;
  seed: number;
  /** Impair the replies too (clock pings need the same network both ways). */
  isTwoWay?: boolean;
}): Promise<RelayProcess> {
  const { child, stderr } = syncroscope([
    'relay',
    '--listen',
    String(options.listenPort),
    '--to',
    `127.0.0.1:${options.toPort}`,
    '--delay',
    String(options.delayMs),
    '--jitter',
    String(options.jitterMs),
    '--seed',
    String(options.seed),
    ...(options.isTwoWay ? [] : ['--one-way']),
  ]);
  for (const end = Date.now() + 30_000; !stderr().includes('->');) {
    if (child.exitCode !== null || Date.now() > end) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`[audio] the relay did not start: ${stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    listenPort: options.listenPort,
    async stop() {
      await stopChild(child, 'SIGINT');
      const m = /added delay [\d.]+ \+- ([\d.]+) ms\s*$/.exec(stderr().trim());
      return m ? Number(m[1]) : NaN;
    },
  };
}

/** Options of {@link runMetronome}. */
export interface MetronomeRun {
  mode: 'immediate' | 'offset' | 'forward';
  bpm: number;
  offsetMs: number;
  count: number;
  /** UDP ports on 127.0.0.1 (every one gets the same ticks). */
  targetPorts: number[];
  lookaheadMs?: number;
}

/** Runs `syncroscope metronome` for `count` beats and resolves when it has exited. */
export async function runMetronome(run: MetronomeRun): Promise<void> {
  const args = ['metronome', '--mode', run.mode, '--bpm', String(run.bpm)];
  args.push('--offset', String(run.offsetMs), '--count', String(run.count));
  args.push('--extended', '--accent', '4');
  if (run.lookaheadMs) args.push('--lookahead', String(run.lookaheadMs));
  for (const port of run.targetPorts) args.push('--target', `127.0.0.1:${port}/tick`);
  const { child, stderr } = syncroscope(args);
  const limitMs = 30_000 + (run.count * 60_000) / run.bpm;
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`[audio] the metronome failed (exit ${code}): ${stderr()}`);
}
