/**
 * A private PulseAudio daemon for one test run: its own runtime directory and socket (nothing
 * shared with a desktop session or another test), a null sink at 48 kHz whose monitor can be
 * recorded, and a server default rate of 48 kHz so Chromium opens its output at the sink's rate
 * (no resampling anywhere between the page and the recording).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running daemon. */
export interface PulseServer {
  /** For PULSE_SERVER: `unix:/tmp/.../native`. */
  server: string;
  sink: string;
  /** The sink's monitor source: what parec records. */
  monitor: string;
  /** Environment for clients (Chromium, parec, pactl). */
  clientEnv: NodeJS.ProcessEnv;
  log(): string;
  stop(): Promise<void>;
}

/** Starts the daemon and waits until it answers (at most `timeoutMs`). */
export async function startPulseServer(
  options: { sink?: string; timeoutMs?: number } = {},
): Promise<PulseServer> {
  const sink = options.sink ?? 'syncroscope_test';
  const dir = mkdtempSync(join(tmpdir(), 'syncroscope-pulse-'));
  chmodSync(dir, 0o700);
  const config = join(dir, 'daemon.conf');
  writeFileSync(config, 'default-sample-rate = 48000\nalternate-sample-rate = 48000\n');
  const server = `unix:${join(dir, 'native')}`;
  // HOME and XDG_* point into the temp dir: the daemon writes its state and cookie there.
  const daemonEnv = {
    ...process.env,
    HOME: dir,
    XDG_RUNTIME_DIR: dir,
    XDG_CONFIG_HOME: dir,
    XDG_STATE_HOME: dir,
    PULSE_CONFIG: config,
  };
  const child: ChildProcess = spawn(
    'pulseaudio',
    [
      '-n', // not the system's default.pa: only the modules below
      '--daemonize=no',
      '--use-pid-file=no',
      '--exit-idle-time=-1',
      '--disallow-exit',
      '--log-target=stderr',
      '-L',
      `module-native-protocol-unix auth-anonymous=1 socket=${join(dir, 'native')}`,
      '-L',
      `module-null-sink sink_name=${sink} rate=48000 channels=2 sink_properties=device.description=SyncroscopeTest`,
      '-L',
      'module-always-sink',
    ],
    { env: daemonEnv, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const clientEnv = { ...process.env, PULSE_SERVER: server, PULSE_SINK: sink };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const end = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`[audio] pulseaudio exited at start:\n${log}`);
    }
    const info = spawnSync('pactl', ['info'], { env: clientEnv, encoding: 'utf8' });
    if (info.status === 0) break;
    if (Date.now() > end) {
      await stop();
      throw new Error(`[audio] pulseaudio did not answer within the timeout:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  spawnSync('pactl', ['set-default-sink', sink], { env: clientEnv });
  return { server, sink, monitor: `${sink}.monitor`, clientEnv, log: () => log, stop };
}
