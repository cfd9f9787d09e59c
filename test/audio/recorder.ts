/** Records a PulseAudio source with `parec` as raw signed 16-bit little-endian PCM. */
import { spawn } from 'node:child_process';

/** A recording in progress. */
export interface Recorder {
  readonly sampleRate: number;
  readonly channels: number;
  /** Stops recording and returns everything recorded (interleaved s16le). */
  stop(): Promise<Uint8Array>;
}

/** Starts `parec` and resolves once audio flows (so nothing played afterwards is missed). */
export async function startRecorder(options: {
  device: string;
  env: NodeJS.ProcessEnv;
  channels: 1 | 2;
  sampleRate?: number;
}): Promise<Recorder> {
  const sampleRate = options.sampleRate ?? 48_000;
  const child = spawn(
    'parec',
    [
      '-d',
      options.device,
      '--format=s16le',
      `--rate=${sampleRate}`,
      `--channels=${options.channels}`,
      '--latency-msec=20',
      '--raw',
    ],
    { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const end = Date.now() + 5000; chunks.length === 0;) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`[audio] parec recorded nothing: ${stderr || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    sampleRate,
    channels: options.channels,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
