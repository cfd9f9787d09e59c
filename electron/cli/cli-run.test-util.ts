/** Runs `syncroscope` commands in process for tests, capturing their output line by line. */
import dgram from 'node:dgram';
import { PassThrough } from 'node:stream';
import { waitFor } from '../engine/testing/wait-for';
import { main } from './main';

/** One running command. */
export interface CliRun {
  /** Resolves to the exit code. */
  code: Promise<number>;
  out: string[];
  err: string[];
  /** Ctrl-C. */
  stop: () => void;
  /** Waits until `isDone()`, failing with the command's output so far. */
  waitFor: (isDone: () => boolean) => Promise<void>;
  /** The stdout lines that are JSON objects, parsed. */
  json: () => Array<Record<string, unknown>>;
}

/** Starts commands (each prefixed with `prefix`, e.g. ['timecode']); `stopAll` ends them all. */
export function createCliRunner(prefix: readonly string[] = []) {
  const running: CliRun[] = [];
  const lines = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => into.push(...d.toString().split('\n').filter(Boolean)));
    return s;
  };
  return {
    run(argv: string[]): CliRun {
      const stop = new AbortController();
      const out: string[] = [];
      const err: string[] = [];
      const r: CliRun = {
        code: main([...prefix, ...argv], stop.signal, lines(out), lines(err)),
        out,
        err,
        stop: () => stop.abort(),
        waitFor: (isDone) =>
          waitFor(isDone, {
            what: argv.join(' '),
            details: () => `stdout=${out.slice(-5).join('|')} stderr=${err.join('|')}`,
          }),
        json: () =>
          out.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
      };
      running.push(r);
      return r;
    },
    async stopAll(): Promise<void> {
      for (const r of running.splice(0)) {
        r.stop();
        await r.code;
      }
    },
  };
}

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
