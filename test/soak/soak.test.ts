import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SoakSummary } from '../../scripts/soak/verdict';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run soak -- ARGS --json` as the script itself, under this Node through tsx. */
function soak(args: readonly string[]) {
  return new Promise<{ code: number; summary: SoakSummary; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/soak.ts', ...args, '--json'],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          resolve({ code, summary: JSON.parse(stdout) as SoakSummary, stderr });
        } catch {
          reject(new Error(`soak printed no JSON (exit ${code}): ${stdout} ${stderr}`));
        }
      },
    );
  });
}

// Real time on a shared machine: bounds generous (F 500 ms, 50 ms of drift, 64 MB of heap), the
// behaviour exact (every beat sent arrives once and is dispatched, none before its timetag).
const GENEROUS = ['--offset', '500', '--max-drift', '50', '--max-heap-growth', '64'];

describe('npm run soak (real UDP through the relay, a few seconds)', () => {
  it('runs 0.08 min at 300 BPM, prints progress, and passes with every beat accounted for', async () => {
    const {
      code,
      summary: s,
      stderr,
    } = await soak([...['--minutes', '0.08', '--bpm', '300', '--progress', '1'], ...GENEROUS]);
    expect(s.failures).toEqual([]);
    expect(code).toBe(0);
    expect(s.isPassed).toBe(true);
    // Beats 0..24: the last one lands exactly 0.08 min after the anchor.
    expect(s.beats).toEqual({
      sent: 25,
      received: 25,
      dispatched: 25,
      lost: 0,
      late: 0,
      early: 0,
      duplicates: 0,
      reordered: 0,
      skipped: 0,
    });
    expect(s.relay).toMatchObject({ delivered: 25, lost: 0 });
    expect(s.relay.meanDelayMs).toBeGreaterThanOrEqual(5);
    for (const x of [s.dispatchErrorMs.p50, s.dispatchErrorMs.p99, s.dispatchErrorMs.max]) {
      expect(x).toBeGreaterThanOrEqual(0);
    }
    expect(Math.abs(s.driftMs.judged)).toBeLessThan(50);
    expect(s.memory.isGcForced).toBe(true);
    expect(s.memory.growthMb).toEqual(expect.any(Number));
    expect(s.memory.schedulerQueueMax).toBeGreaterThan(0);
    expect(s.memory.schedulerQueueMax).toBeLessThanOrEqual(4);
    expect(s.settings).toEqual({
      minutes: 0.08,
      bpm: 300,
      offsetMs: 500,
      delayMs: 10,
      jitterMs: 3,
      loss: 0,
      seed: 1,
    });
    // Progress on stderr (stdout is the one JSON object): elapsed, beats, lost, late, p50/p99, drift, memory.
    const progress = stderr.split('\n').filter((l) => /^\[soak\] \d+:\d\d beats/.test(l));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatch(
      /beats \d+ lost 0 late 0 dispatch p50 [\d.]+ ms p99 [\d.]+ ms drift [+-][\d.]+ ms rss [\d.]+ MB heap [\d.]+ MB \(data [\d.]+\)$/,
    );
  });

  it('exits 1 and says why when nothing arrives', async () => {
    const { code, summary: s } = await soak(['--minutes', '0.02', '--bpm', '300', '--loss', '1']);
    expect(code).toBe(1);
    expect(s.isPassed).toBe(false);
    expect(s.beats).toMatchObject({ sent: 7, received: 0, lost: 7 });
    // Lost beats are no failure when loss was asked for; nothing dispatched is.
    expect(s.failures).toEqual(['no tick was dispatched']);
  });
});
