import { describe, expect, it } from 'vitest';
import type { MetronomeMode } from '../../../shared/model';
import { createMetronome } from '../metronome';
import { createScheduler } from '../time/scheduler';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createTickReceiver } from '../receive/tick-receiver';
import { createMeasurements } from './measurements';

/**
 * The whole chain in virtual time: metronome -> a jittery, lossy "network" -> tick receiver ->
 * measurements. Deterministic delays of 20 ms +- up to 9 ms; beat 5 is lost.
 */
function run(mode: MetronomeMode) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const measurements = createMeasurements({ capacity: 256 });
  const rx = createTickReceiver({
    clock,
    scheduler,
    port: 0,
    onTick: (t) => measurements.recordTick(t),
    onTickDue: (t, d) => measurements.recordDue(t, d),
  });
  let i = 0;
  const from = { address: '127.0.0.1', port: 40_000 };
  const metronome = createMetronome(
    {
      clock,
      scheduler,
      send: async (bytes) => {
        const k = i++;
        if (k === 5) return; // lost on the way
        const delayMs = 20 + (((k * 7) % 19) - 9);
        clock.setTimer(() => rx.handlePacket(bytes, from, clock.nowMs()), delayMs);
      },
    },
    {
      mode,
      bpm: 120,
      accentEvery: 0,
      offsetMs: 100,
      targets: [{ host: '127.0.0.1', port: 8000, address: '/tick', format: 'extended' }],
    },
  );
  metronome.start();
  clock.advance(20 * 500 + 300);
  metronome.stop();
  const [stream] = measurements.summary().streams;
  return stream!;
}

describe('forward synchronization, measured end to end (virtual time)', () => {
  it('plays forward-mode ticks with no output interval error despite the network jitter', () => {
    const s = run('forward');
    expect(s.mode).toBe('forward');
    expect(s.counts).toMatchObject({ ticks: 20, lost: 1, late: 0 });
    expect(s.metrics.arrivalIntervalErrorMs.sd).toBeGreaterThan(3);
    expect(s.metrics.outputIntervalErrorMs.max).toBeLessThan(1e-3);
    expect(s.metrics.outputIntervalErrorMs.min).toBeGreaterThan(-1e-3);
    expect(s.metrics.leadMs.min).toBeGreaterThan(100 - 30);
  });

  it('passes the network jitter straight to the output in immediate mode', () => {
    const s = run('immediate');
    expect(s.mode).toBe('immediate');
    expect(s.counts).toMatchObject({ ticks: 20, lost: 1 });
    expect(s.metrics.outputIntervalErrorMs.sd).toBeGreaterThan(3);
    expect(s.metrics.outputIntervalErrorMs.sd).toBeCloseTo(s.metrics.arrivalIntervalErrorMs.sd, 6);
  });
});
