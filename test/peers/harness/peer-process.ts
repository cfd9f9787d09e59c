/**
 * A peer program run by a test: its output lines stamped with our wall clock at arrival, waits
 * with useful failure messages, and a stop that always ends the process (SIGKILL as last resort).
 * Every live process is also killed when the test worker exits, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { unixNowMs } from './wall-clock';

/** One line a peer printed, stamped when it reached us. */
export interface StampedLine {
  /** Unix-epoch ms at arrival in this process (includes pipe and event-loop latency). */
  atMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** How a peer process ended. */
export interface PeerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running (or ended) peer program. */
export interface PeerProcess {
  /** Short name for messages, e.g. `pd`. */
  readonly name: string;
  readonly child: ChildProcess;
  /** Every line so far, in arrival order (stdout and stderr interleaved). */
  readonly lines: readonly StampedLine[];
  /** Settles when the process has exited. */
  readonly exited: Promise<PeerExit>;
  isRunning(): boolean;
  /** Resolves with `probe()`'s first non-undefined result, re-checked whenever output arrives. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T>;
  /** Resolves with the first line (already seen or future) matching `predicate`. */
  waitForLine(
    predicate: (line: StampedLine) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<StampedLine>;
  /** Sends `signal` (default SIGTERM), waits `graceMs`, then SIGKILLs. Safe to call twice. */
  stop(options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<PeerExit>;
  /** The command line and the last lines of output, for failure messages. */
  describe(tailLines?: number): string;
}

/** Options for {@link spawnPeer}. */
export interface SpawnPeerOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts `command args` with stdout and stderr captured line by line. */
export function spawnPeer(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnPeerOptions = {},
): PeerProcess {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const lines: StampedLine[] = [];
  const waiters = new Set<() => void>();
  let exit: PeerExit | null = null;
  let spawnError: Error | null = null;

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const collect = (stream: 'stdout' | 'stderr'): void => {
    let partial = '';
    child[stream]?.setEncoding('utf8');
    child[stream]?.on('data', (chunk: string) => {
      const atMs = unixNowMs();
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) lines.push({ atMs, stream, text });
      notify();
    });
    child[stream]?.on('end', () => {
      if (partial) lines.push({ atMs: unixNowMs(), stream, text: partial });
      partial = '';
      notify();
    });
  };
  collect('stdout');
  collect('stderr');

  const exited = new Promise<PeerExit>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      exit = { code: null, signal: null };
      live.delete(child);
      notify();
      resolve(exit);
    });
    // 'close', not 'exit': it comes after the last output line has been read from the pipes.
    child.once('close', (code, signal) => {
      exit ??= { code, signal };
      live.delete(child);
      notify();
      resolve(exit);
    });
  });

  const describe = (tailLines = 25): string => {
    const state = spawnError
      ? `failed to start: ${spawnError.message}`
      : exit
        ? `exited (code ${exit.code}, signal ${exit.signal})`
        : 'running';
    const tail = lines
      .slice(-tailLines)
      .map((l) => `  ${l.stream === 'stderr' ? '!' : '>'} ${l.text}`);
    return [
      `[${name}] ${command} ${args.join(' ')}`,
      `[${name}] ${state}; last output:`,
      ...tail,
    ].join('\n');
  };

  const waitFor: PeerProcess['waitFor'] = (probe, timeoutMs, what) =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        let found;
        try {
          found = probe();
        } catch (error) {
          return finish(() => reject(error));
        }
        if (found !== undefined) return finish(() => resolve(found));
        if (exit) finish(() => reject(new Error(`[${name}] exited before ${what}\n${describe()}`)));
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new Error(`[${name}] no ${what} within ${timeoutMs} ms\n${describe()}`)),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  const waitForLine: PeerProcess['waitForLine'] = (predicate, timeoutMs, what) => {
    let checked = 0;
    return waitFor(
      () => {
        for (; checked < lines.length; checked++) {
          const line = lines[checked];
          if (line && predicate(line)) return line;
        }
        return undefined;
      },
      timeoutMs,
      what,
    );
  };

  const stop: PeerProcess['stop'] = async ({ signal = 'SIGTERM', graceMs = 3000 } = {}) => {
    if (exit) return exit;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  return {
    name,
    child,
    lines,
    exited,
    isRunning: () => exit === null,
    waitFor,
    waitForLine,
    stop,
    describe,
  };
}
