/**
 * Real-time priority for the thread that dispatches timed events (the engine's), as audio
 * programs ask for theirs. At normal priority the OS may let other threads run for milliseconds
 * before it wakes ours for a due event; a real-time thread is run as soon as it is ready.
 *
 * Linux only: `chrt` (util-linux) sets SCHED_FIFO on the calling thread, with reset-on-fork so
 * threads and programs it starts later run at normal priority. The OS allows it to root, and to
 * users given an rtprio limit (audio users usually are: /etc/security/limits.d). Priority 1 is
 * the lowest real-time one: above every ordinary thread, below the audio threads of Pure Data
 * (6 here), PulseAudio (5), JACK (10) and PipeWire, which must still come first. The kernel's
 * real-time throttling (95 % of each second by default) keeps a busy engine from freezing the
 * machine. Elsewhere the engine runs at normal priority and says so.
 */
import { execFile } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ThreadPriority } from '../../../shared/ipc';

/** The real-time priority asked for (1-99 on Linux; higher runs first): the lowest. */
export const REALTIME_PRIORITY = 1;

/** What {@link requestRealtime} needs from the OS (real by default; tests pass fakes). */
export interface RealtimeSystem {
  platform: NodeJS.Platform;
  /** The calling thread's id (Linux: /proc/thread-self). */
  threadId(): string;
  /**
   * Runs util-linux's `chrt` (from /usr/bin or /bin before PATH); rejects with execFile's error
   * (its standard error attached) unless it exits 0.
   */
  chrt(args: readonly string[]): Promise<void>;
  /** The thread's /proc stat line. */
  readStat(tid: string): Promise<string>;
}

const realSystem: RealtimeSystem = {
  platform: process.platform,
  threadId: () => {
    const tid = currentThreadId();
    if (tid === null) throw new Error('no /proc/thread-self');
    return tid;
  },
  chrt: (args) =>
    new Promise((resolve, reject) =>
      execFile(
        // Where Debian, Fedora and Arch put it; else whichever PATH finds.
        ['/usr/bin/chrt', '/bin/chrt'].find((p) => existsSync(p)) ?? 'chrt',
        [...args],
        { timeout: 5_000 },
        (error, _stdout, stderr) =>
          error ? reject(Object.assign(error, { stderr: String(stderr).trim() })) : resolve(),
      ),
    ),
  readStat: (tid) => readFile(`/proc/self/task/${tid}/stat`, 'utf8'),
};

/**
 * The OS's id of the calling thread (Linux), or null. Read synchronously: an asynchronous read
 * would run on a thread of libuv's pool and name that thread instead.
 */
export function currentThreadId(): string | null {
  try {
    return readlinkSync('/proc/thread-self').split('/').pop() ?? null;
  } catch {
    return null;
  }
}

/** Linux's number for SCHED_FIFO, as /proc/.../stat reports a thread's policy. */
const SCHED_FIFO = 1;

/** A thread's scheduling policy and real-time priority from its stat line; null if unreadable. */
export function parseSchedulingStat(stat: string): { policy: number; priority: number } | null {
  // Fields after the command name (which may hold spaces and parentheses): the 3rd is first.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const priority = Number(fields[40 - 3]);
  const policy = Number(fields[41 - 3]);
  return Number.isInteger(priority) && Number.isInteger(policy) ? { policy, priority } : null;
}

const normal = (reason: string): ThreadPriority => ({ kind: 'normal', reason });

/**
 * Asks the OS to run the calling thread at real-time priority; says how it runs afterwards.
 * Never rejects: a refusal is a normal-priority answer with its reason in plain words.
 */
export async function requestRealtime(
  priority: number = REALTIME_PRIORITY,
  system: RealtimeSystem = realSystem,
): Promise<ThreadPriority> {
  if (system.platform !== 'linux') return normal('real-time priority is only asked for on Linux');
  let tid: string;
  try {
    tid = system.threadId();
  } catch {
    return normal('the thread cannot be found in /proc, so real-time priority was not asked for');
  }
  try {
    await system.chrt(['--fifo', '--reset-on-fork', '--pid', String(priority), tid]);
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    if (code === 'ENOENT') return normal('chrt (util-linux) is not installed');
    const detail = stderr && /not permitted/i.test(stderr) ? 'not permitted' : (stderr ?? '');
    return normal(
      `the OS refused real-time priority${detail ? ` (${detail})` : ''}: allow it with an rtprio limit (README, Troubleshooting)`,
    );
  }
  const now = parseSchedulingStat(await system.readStat(tid).catch(() => ''));
  if (now?.policy !== SCHED_FIFO)
    return normal('chrt ran, but the thread is not at real-time priority');
  return { kind: 'realtime', policy: 'SCHED_FIFO', priority: now.priority };
}

/**
 * Whether a host (the app, the command line) asks for real-time priority: only when the
 * environment says SYNCROSCOPE_REALTIME=on (or 1, true, yes). Off by default: on a two-core
 * machine, engines at real-time priority beside the page that plays the ticks made its audio
 * timing test fail more often (README, Timing).
 */
export function isRealtimeWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(on|1|true|yes)$/i.test(env.SYNCROSCOPE_REALTIME?.trim() ?? '');
}

/** The answer when real-time priority was not asked for. */
export const NOT_ASKED: ThreadPriority = {
  kind: 'normal',
  reason: 'real-time priority was not asked for (start with SYNCROSCOPE_REALTIME=on to ask)',
};

/** How a thread (the OS's thread `tid`, when known) runs, for a log line after "timing: ". */
export function describePriority(priority: ThreadPriority, tid: string | null = null): string {
  return priority.kind === 'realtime'
    ? `real-time priority (${priority.policy} ${priority.priority}${tid === null ? '' : `, thread ${tid}`})`
    : `normal priority${tid === null ? '' : ` (thread ${tid})`}: ${priority.reason}`;
}
