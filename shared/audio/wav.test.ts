import { describe, expect, it } from 'vitest';
import { synthesizeClick, TICK_SPECS } from './click';
import { decodeWav, encodeWav } from './wav';

describe('WAV codec and click synthesis', () => {
  it('round-trips 16-bit stereo PCM within one quantization step', () => {
    const left = Float32Array.from([0, 0.5, -0.5, 1, -1]);
    const right = Float32Array.from([0.25, -0.25, 0, 0.1, -0.1]);
    const back = decodeWav(encodeWav({ sampleRate: 44_100, channels: [left, right] }));
    expect(back.sampleRate).toBe(44_100);
    expect(back.channels).toHaveLength(2);
    back.channels[0]!.forEach((s, i) =>
      expect(Math.abs(s - left[i]!)).toBeLessThanOrEqual(1 / 32767),
    );
    back.channels[1]!.forEach((s, i) =>
      expect(Math.abs(s - right[i]!)).toBeLessThanOrEqual(1 / 32767),
    );
  });

  it('rejects what is not a 16-bit PCM WAV', () => {
    expect(() => decodeWav(new Uint8Array(8))).toThrow(/RIFF/);
  });

  it('synthesizes a click whose loudest sample is its first, ending in silence', () => {
    const click = synthesizeClick(TICK_SPECS.tick);
    const peak = click.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    expect(Math.abs(click[0]!)).toBe(peak);
    expect(click.length).toBe(48 * 40);
    expect(Math.abs(click[click.length - 1]!)).toBeLessThan(1e-3);
  });
});
