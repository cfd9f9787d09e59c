/**
 * Every workshop preset's "listen for" figures against a measured run: the real engine (on its
 * own thread, as the app runs it) with exactly the preset's settings, its metronome sending
 * through the engine's real relay over real UDP to its own receiver for about 40 beats. The
 * numbers are read from the preset's text (which quotes `figures`, the one place they live), so
 * a text that promises what the screen does not show fails here. Bounds are generous (+-40 %):
 * 40 beats of a 10 ms relay jitter give an sd to about +-12 %, and a loaded machine adds some
 * (a stalled engine thread shows as output error, in the app as here). About 75 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementsSnapshot } from '../../shared/ipc';
import { createEngineThread, type EngineThread } from '../../electron/engine/thread/engine-thread';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { PRESETS, presetSetup, type Preset } from '../../renderer/src/presets/presets';

const BEATS = 40;
const TOLERANCE = 0.4;
const measured = PRESETS.filter((p) => Object.keys(p.figures).length > 0);

/** The number after `label` in the preset's text ("output sd ≈ 14 ms" -> 14), or null. */
function quoted(preset: Preset, label: RegExp): number | null {
  const m = new RegExp(`${label.source}\\s*(\\d+(?:\\.\\d+)?) ms`).exec(preset.listenFor);
  return m ? Number(m[1]) : null;
}

interface Run {
  preset: Preset;
  offsetMs: number;
  snapshot: MeasurementsSnapshot;
}

/** Runs one preset for BEATS beats on its own engine thread and returns its statistics. */
async function run(preset: Preset, engines: EngineThread[]): Promise<Run> {
  const engine = await createEngineThread({ log: () => {} });
  engines.push(engine);
  const listening = await engine.invoke('receiver:start', { port: 0 });
  if (!listening.ok || listening.value.receiver.status !== 'listening') {
    throw new Error(JSON.stringify(listening));
  }
  const port = listening.value.receiver.port;
  const { metronome } = presetSetup(preset, { role: 'custom', port, network: false });
  const updated = await engine.invoke('metronome:update', metronome);
  if (!updated.ok) throw new Error(JSON.stringify(updated));
  await engine.invoke('metronome:start', {});
  let beats = 0;
  await waitFor(
    () => {
      void engine.invoke('metronome:get', {}).then((r) => {
        if (r.ok) beats = r.value.counters.beats;
      });
      return beats >= BEATS;
    },
    { timeoutMs: (BEATS + 10) * (60_000 / metronome.bpm), pollMs: 250, what: `${BEATS} beats` },
  );
  await engine.invoke('metronome:stop', {});
  // The last ticks are still on their way: F, plus the relay's delay and its tail.
  await new Promise((r) => setTimeout(r, metronome.offsetMs + 20 + 60 + 200));
  const stats = await engine.invoke('measurements:get', {});
  if (!stats.ok) throw new Error(JSON.stringify(stats));
  return { preset, offsetMs: metronome.offsetMs, snapshot: stats.value };
}

const runs = new Map<string, Run>();
const engines: EngineThread[] = [];
beforeAll(async () => {
  // One after the other, each on its own engine thread as in the app: side by side, three
  // spinning schedulers on a two-core machine would measure each other's load, not the preset.
  for (const preset of measured) runs.set(preset.id, await run(preset, engines));
}, 240_000);
afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

const worst = (r: Run, read: (s: MeasurementsSnapshot['streams'][number]) => number | null) =>
  Math.max(...r.snapshot.streams.map((s) => read(s) ?? NaN));

describe.each(measured.map((p) => [p.id, p] as const))(
  '%s: what its text says to listen for is what the app measures',
  (id, preset) => {
    const { figures } = preset;

    it('quotes its figures in the text a participant reads', () => {
      if (figures.outputSdMs !== undefined) {
        expect(quoted(preset, /output sd ≈/)).toBe(figures.outputSdMs);
      }
      if (figures.steadyBelowMs !== undefined) {
        expect(quoted(preset, /output sd </)).toBe(figures.steadyBelowMs);
      }
      if (figures.leadMs !== undefined) expect(quoted(preset, /lead ≈/)).toBe(figures.leadMs);
      if (figures.lateBelowMs !== undefined) {
        expect(quoted(preset, /under ~/)).toBe(figures.lateBelowMs);
      }
    });

    it(`measures it over ${BEATS} beats`, () => {
      const r = runs.get(id)!;
      const expectedStreams = presetSetup(preset, { role: 'custom', port: 1, network: false })
        .metronome.targets.length;
      expect(r.snapshot.streams).toHaveLength(expectedStreams);
      for (const s of r.snapshot.streams) {
        expect(s.counts.ticks, s.key).toBeGreaterThanOrEqual(BEATS - 2);
      }
      const outSd = worst(r, (s) => s.metrics.outputIntervalErrorMs.sd);
      if (figures.outputSdMs !== undefined) {
        expect(outSd).toBeGreaterThan(figures.outputSdMs * (1 - TOLERANCE));
        expect(outSd).toBeLessThan(figures.outputSdMs * (1 + TOLERANCE));
      }
      if (figures.steadyBelowMs !== undefined) {
        expect(outSd).toBeLessThan(figures.steadyBelowMs * (1 + TOLERANCE));
      }
      // The relayed stream: the one whose lead varies (a direct one's barely does).
      const relayed = [...r.snapshot.streams].sort(
        (a, b) => (b.metrics.leadMs.sd ?? 0) - (a.metrics.leadMs.sd ?? 0),
      )[0]!;
      if (figures.leadMs !== undefined) {
        expect(Math.abs(relayed.metrics.leadMs.p50! - figures.leadMs)).toBeLessThan(
          figures.leadMs * 0.04 + 5,
        );
      }
      if (figures.lateBelowMs !== undefined) {
        // F minus the smallest lead is the worst delay seen: below it, ticks come late.
        const worstDelayMs = r.offsetMs - relayed.metrics.leadMs.min!;
        expect(worstDelayMs).toBeGreaterThan(figures.lateBelowMs * (1 - TOLERANCE));
        expect(worstDelayMs).toBeLessThan(figures.lateBelowMs * (1 + TOLERANCE));
      }
    });
  },
);
