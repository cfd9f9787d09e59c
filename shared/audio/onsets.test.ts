import { describe, expect, it } from 'vitest';
import { createRandom } from '../stats/random';
import { synthesizeClick, TICK_SPECS } from './click';
import { deinterleaveS16le, detectOnsets } from './onsets';
import { interOnsetErrorsMs, pairOffsetsMs } from './timing-figures';

const RATE = 48_000;
const click = synthesizeClick(TICK_SPECS.tick);
const accent = synthesizeClick(TICK_SPECS.accent);

/** A recording with clicks at `atMs` (rounded to samples), optional noise and gain. */
function recording(atMs: number[], { lengthMs = 3000, noise = 0, gain = 1, seed = 1 } = {}) {
  const out = new Float32Array(Math.round((lengthMs / 1000) * RATE));
  const random = createRandom(seed);
  if (noise) for (let i = 0; i < out.length; i++) out[i] = random.normal() * noise;
  atMs.forEach((ms, k) => {
    const at = Math.round((ms / 1000) * RATE);
    const sound = k % 4 === 0 ? accent : click;
    for (let i = 0; i < sound.length && at + i < out.length; i++) out[at + i]! += gain * sound[i]!;
  });
  return out;
}
const toMs = (samples: number[]) => samples.map((s) => (s / RATE) * 1000);

describe('detectOnsets', () => {
  it('finds each click at its exact sample, deliberate +3/-2/+0.5 ms offsets included', () => {
    const offsets = [0, 3, -2, 0.5, 0, 0];
    const at = offsets.map((d, k) => 100 + k * 500 + d);
    const found = toMs(detectOnsets(recording(at), { sampleRate: RATE }));
    expect(found).toEqual(at);
    const errors = interOnsetErrorsMs(found, 500);
    expect(errors.map((e) => Number(e.toFixed(6)))).toEqual([3, -5, 2.5, -0.5, 0]);
  });

  it('is exact under background noise and at low volume', () => {
    const at = [50, 550.5, 1050.25, 1551, 2049.75];
    const quiet = recording(at, { noise: 0.001, gain: 0.2, seed: 3 });
    expect(toMs(detectOnsets(quiet, { sampleRate: RATE, threshold: 0.05, floor: 0.006 }))).toEqual(
      at.map((ms) => (Math.round((ms / 1000) * RATE) / RATE) * 1000),
    );
  });

  it('finds nothing in silence and one onset per click, however long it rings', () => {
    expect(detectOnsets(new Float32Array(RATE), { sampleRate: RATE })).toEqual([]);
    expect(detectOnsets(recording([10, 130]), { sampleRate: RATE })).toHaveLength(2);
  });

  it('reads interleaved s16le stereo as parec writes it', () => {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    [1000, -1000, 32767, -32768].forEach((v, i) => view.setInt16(i * 2, v, true));
    const [left, right] = deinterleaveS16le(bytes, 2);
    expect(Array.from(left!)).toEqual([1000 / 32768, 32767 / 32768]);
    expect(Array.from(right!)).toEqual([-1000 / 32768, -1]);
  });
});

describe('timing figures', () => {
  it('skips intervals across a missing onset', () => {
    expect(interOnsetErrorsMs([0, 500, 1500, 2001], 500)).toEqual([0, 1]);
  });

  it('pairs onsets of two players, leaving out the unmatched', () => {
    expect(pairOffsetsMs([0, 500, 1000, 1500], [0.5, 499, 1500.25, 2000], 20)).toEqual([
      0.5, -1, 0.25,
    ]);
  });
});
