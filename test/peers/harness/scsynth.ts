/**
 * SuperCollider's scsynth as an independent timetag-honouring OSC server, on JACK's dummy
 * backend (no sound card). scsynth prints `late <seconds>` for every bundle that arrived after its
 * timetag: "no late lines" is the oracle that our bundles were early enough and well formed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sendBareOscMessage } from './control-message';
import { spawnPeer, type PeerProcess, type StampedLine } from './peer-process';
import { executable, type PeerRequirement } from './require-peer';
import { sleepMs } from './wall-clock';

/** What a scsynth peer test needs installed. */
export const SCSYNTH_REQUIREMENTS: readonly PeerRequirement[] = [
  executable('scsynth', 'supercollider-server'),
  executable('jackd', 'jackd2'),
  executable('jack_lsp', 'jackd2'),
];

/** Options for {@link startScsynth}. */
export interface ScsynthOptions {
  /** UDP port for scsynth (use a free one). */
  port: number;
  /** JACK period in frames at 48 kHz: scsynth runs bundles on block boundaries (64 = 1.33 ms). */
  periodFrames?: number;
  startTimeoutMs?: number;
}

/** A running jackd + scsynth pair. */
export interface ScsynthPeer {
  readonly port: number;
  readonly jackd: PeerProcess;
  readonly scsynth: PeerProcess;
  /** scsynth's `late <seconds>` lines so far (each a bundle executed after its timetag). */
  lateLines(): StampedLine[];
  /** Quits scsynth over OSC, then stops jackd (SIGTERM, so it removes its shared memory). */
  stop(): Promise<void>;
}

/** Starts a uniquely named jackd on the dummy backend, then scsynth on `port`; resolves when ready. */
export async function startScsynth(options: ScsynthOptions): Promise<ScsynthPeer> {
  const serverName = `syncroscope-${process.pid}-${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JACK_NO_AUDIO_RESERVATION: '1', // no D-Bus device reservation on a headless box
    JACK_NO_START_SERVER: '1', // scsynth must use our jackd, never autostart another
    JACK_DEFAULT_SERVER: serverName,
    SC_JACK_DEFAULT_INPUTS: '', // do not try to connect to system ports that do not exist
    SC_JACK_DEFAULT_OUTPUTS: '',
  };
  // Without this directory scsynth prints an "open directory failed" error at start.
  mkdirSync(join(homedir(), '.local/share/SuperCollider/synthdefs'), { recursive: true });
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const periodFrames = options.periodFrames ?? 64;

  const jackd = spawnPeer(
    'jackd',
    'jackd',
    ['-n', serverName, '-d', 'dummy', '-r', '48000', '-p', String(periodFrames)],
    { env },
  );
  let scsynth: PeerProcess | null = null;
  const stop = async (): Promise<void> => {
    if (scsynth?.isRunning()) {
      await sendBareOscMessage(options.port, '/quit').catch(() => undefined);
      await Promise.race([scsynth.exited, sleepMs(2000)]);
      await scsynth.stop({ signal: 'SIGTERM', graceMs: 2000 });
    }
    await jackd.stop({ signal: 'SIGTERM', graceMs: 3000 });
  };
  try {
    await waitForJackServer(serverName, jackd, env, timeoutMs);
    const args = ['-u', String(options.port), '-B', '127.0.0.1', '-i', '0', '-o', '2', '-R', '0'];
    scsynth = spawnPeer('scsynth', 'scsynth', args, { env });
    await scsynth.waitForLine(
      (l) => l.text.includes('server ready'),
      timeoutMs,
      '"server ready" line',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const running = scsynth;
  return {
    port: options.port,
    jackd,
    scsynth: running,
    lateLines: () => running.lines.filter((l) => /^late \d/.test(l.text)),
    stop,
  };
}

/** jackd prints nothing when it is ready: poll `jack_lsp` until the named server answers. */
async function waitForJackServer(
  serverName: string,
  jackd: PeerProcess,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!jackd.isRunning()) throw new Error(`[jackd] exited while starting\n${jackd.describe()}`);
    const isUp = await new Promise<boolean>((resolve) =>
      execFile('jack_lsp', ['-s', serverName], { env, timeout: 2000 }, (error) => resolve(!error)),
    );
    if (isUp) return;
    await sleepMs(50);
  }
  throw new Error(
    `[jackd] server "${serverName}" not up within ${timeoutMs} ms\n${jackd.describe()}`,
  );
}
