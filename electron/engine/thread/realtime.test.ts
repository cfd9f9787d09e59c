/**
 * Real-time priority for the engine thread: the answer in every case (fake OS), then for real —
 * the engine thread asks the OS, and the OS's own view of its threads (/proc) is checked.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mayTakeRealtime } from '../testing/may-take-realtime';
import { createEngineThread } from './engine-thread';
import {
  describePriority,
  isRealtimeWanted,
  parseSchedulingStat,
  REALTIME_PRIORITY,
  requestRealtime,
  type RealtimeSystem,
} from './realtime';

/** A stat line as Linux writes it, for a thread named `comm` with this policy and priority. */
const statLine = (comm: string, policy: number, priority: number): string => {
  const after = Array.from({ length: 50 }, (_, i) => String(i + 3));
  after[40 - 3] = String(priority);
  after[41 - 3] = String(policy);
  after[0] = 'S';
  return `4242 (${comm}) ${after.join(' ')}`;
};

const fakeLinux = (over: Partial<RealtimeSystem> = {}): RealtimeSystem & { calls: string[][] } => {
  const calls: string[][] = [];
  return {
    platform: 'linux',
    threadId: () => '4242',
    chrt: async (args) => void calls.push(['chrt', ...args]),
    readStat: async () => statLine('node', 1, 1),
    calls,
    ...over,
  };
};

const failing = (error: object) => async () => {
  throw Object.assign(new Error('chrt failed'), error);
};

describe('requestRealtime (a fake OS)', () => {
  it('reads policy and priority after a command name with spaces and parentheses', () => {
    expect(parseSchedulingStat(statLine('my (odd) name', 1, 10))).toEqual({
      policy: 1,
      priority: 10,
    });
    expect(parseSchedulingStat(statLine('node', 0, 0))).toEqual({ policy: 0, priority: 0 });
    expect(parseSchedulingStat('garbage')).toBeNull();
  });

  it('asks chrt for SCHED_FIFO with reset-on-fork on this thread, and says what the OS reports', async () => {
    const os = fakeLinux();
    expect(await requestRealtime(REALTIME_PRIORITY, os)).toEqual({
      kind: 'realtime',
      policy: 'SCHED_FIFO',
      priority: 1,
    });
    expect(os.calls).toEqual([['chrt', '--fifo', '--reset-on-fork', '--pid', '1', '4242']]);
  });

  it('answers normal priority, in words, whenever it is not granted', async () => {
    const answer = (os: RealtimeSystem) => requestRealtime(REALTIME_PRIORITY, os);
    expect(await answer({ ...fakeLinux(), platform: 'darwin' })).toEqual({
      kind: 'normal',
      reason: 'real-time priority is only asked for on Linux',
    });
    expect(await answer(fakeLinux({ chrt: failing({ code: 'ENOENT' }) }))).toEqual({
      kind: 'normal',
      reason: 'chrt (util-linux) is not installed',
    });
    const refused = await answer(
      fakeLinux({
        chrt: failing({ code: 1, stderr: 'chrt: failed to set pid 4242: Operation not permitted' }),
      }),
    );
    expect(refused).toEqual({
      kind: 'normal',
      reason:
        'the OS refused real-time priority (not permitted): allow it with an rtprio limit (README, Troubleshooting)',
    });
    expect(await answer(fakeLinux({ readStat: async () => statLine('node', 0, 0) }))).toEqual({
      kind: 'normal',
      reason: 'chrt ran, but the thread is not at real-time priority',
    });
    const noProc = () => {
      throw new Error('ENOENT');
    };
    expect(await answer(fakeLinux({ threadId: noProc }))).toMatchObject({
      kind: 'normal',
    });
  });

  it('is wanted by the hosts only when SYNCROSCOPE_REALTIME says on, and logged either way', () => {
    expect(isRealtimeWanted({})).toBe(false);
    for (const on of ['on', 'ON', '1', 'true', ' yes '])
      expect(isRealtimeWanted({ SYNCROSCOPE_REALTIME: on })).toBe(true);
    for (const off of ['off', '0', 'false', 'no', ''])
      expect(isRealtimeWanted({ SYNCROSCOPE_REALTIME: off })).toBe(false);
    expect(describePriority({ kind: 'realtime', policy: 'SCHED_FIFO', priority: 1 }, '77')).toBe(
      'real-time priority (SCHED_FIFO 1, thread 77)',
    );
    expect(describePriority({ kind: 'realtime', policy: 'SCHED_FIFO', priority: 1 })).toBe(
      'real-time priority (SCHED_FIFO 1)',
    );
    expect(describePriority({ kind: 'normal', reason: 'why' }, '77')).toBe(
      'normal priority (thread 77): why',
    );
    expect(describePriority({ kind: 'normal', reason: 'why' })).toBe('normal priority: why');
  });
});

/** This process's threads at real-time priority, as the OS reports them. */
function realtimeThreads(): Array<{ tid: string; priority: number }> {
  const found: Array<{ tid: string; priority: number }> = [];
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const s = parseSchedulingStat(stat);
    if (s && s.policy !== 0) found.push({ tid, priority: s.priority });
  }
  return found;
}

describe.runIf(process.platform === 'linux')('real-time priority on this machine (Linux)', () => {
  it('puts the engine thread, and no other, at SCHED_FIFO 1 where the OS allows it (else says why)', async () => {
    const lines: string[] = [];
    const before = realtimeThreads();
    const engine = await createEngineThread({ log: (l) => lines.push(l), realtime: true });
    try {
      const got = await engine.invoke('engine:get', {});
      if (!got.ok) throw new Error(JSON.stringify(got));
      if (mayTakeRealtime()) {
        expect(got.value.priority).toEqual({
          kind: 'realtime',
          policy: 'SCHED_FIFO',
          priority: 1,
        });
        // The thread the engine's own code runs on (it read its id itself) is the one at SCHED_FIFO.
        const line = lines.find((l) => l.startsWith('[engine] timing:'));
        const tid = /^\[engine\] timing: real-time priority \(SCHED_FIFO 1, thread (\d+)\)$/.exec(
          line ?? '',
        )?.[1];
        expect(tid, line).toBeDefined();
        const now = realtimeThreads().filter((t) => !before.some((b) => b.tid === t.tid));
        expect(now).toEqual([{ tid, priority: 1 }]);
      } else {
        expect(got.value.priority).toMatchObject({ kind: 'normal', reason: /refused/ });
        expect(realtimeThreads()).toEqual(before);
      }
    } finally {
      await engine.dispose();
    }
  }, 60_000);

  it('tells a user the OS does not allow it to, in words (run as nobody, without an rtprio limit)', () => {
    // Root can always take it, so the refusal is shown by a process that drops to nobody first;
    // a user without an rtprio limit sees the same refusal in the test above.
    if (process.getuid?.() !== 0) {
      expect(mayTakeRealtime()).toBe(false); // ...and the test above has checked the refusal
      return;
    }
    const module = fileURLToPath(new URL('./realtime.ts', import.meta.url));
    const script = `import(${JSON.stringify(module)}).then(async (m) => console.log(JSON.stringify(await m.requestRealtime())))`;
    const run = spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '--',
        process.execPath,
        '--import',
        'tsx',
        '-e',
        script,
      ],
      {
        encoding: 'utf8',
        timeout: 30_000,
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      kind: 'normal',
      reason:
        'the OS refused real-time priority (not permitted): allow it with an rtprio limit (README, Troubleshooting)',
    });
  }, 60_000);
});
