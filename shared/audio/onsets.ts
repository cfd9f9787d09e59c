/**
 * Onset detection for recordings of clicks (the audio timing test and bench): a sound starts
 * where its level first crosses a threshold; the onset is then walked back to the first sample of
 * that sound (the first sample above a noise floor), and the next `refractoryMs` belong to it.
 * The shipped clicks start at full amplitude on their first sample (shared/audio/click.ts), so a
 * click played at a sample frame is found at exactly that frame.
 */

/** Options of {@link detectOnsets}. */
export interface OnsetOptions {
  sampleRate: number;
  /** |sample| above this (full scale = 1) is a sound. */
  threshold?: number;
  /** Walking back from the crossing stops at the first sample at or below this. */
  floor?: number;
  /** After an onset, this long is the same sound, ms. */
  refractoryMs?: number;
  /** Walk back at most this far, ms. */
  maxWalkBackMs?: number;
}

/** Onset positions in samples (whole numbers), ascending. */
export function detectOnsets(samples: ArrayLike<number>, options: OnsetOptions): number[] {
  const threshold = options.threshold ?? 0.1;
  const floor = options.floor ?? 0.01;
  const refractory = Math.round(((options.refractoryMs ?? 100) / 1000) * options.sampleRate);
  const maxWalkBack = Math.round(((options.maxWalkBackMs ?? 2) / 1000) * options.sampleRate);
  const onsets: number[] = [];
  let notBefore = 0; // the previous sound's refractory period ends here
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) <= threshold) continue;
    let j = i;
    const stop = Math.max(notBefore, i - maxWalkBack);
    while (j > stop && Math.abs(samples[j - 1]!) > floor) j--;
    onsets.push(j);
    notBefore = j + refractory;
    i = notBefore - 1;
  }
  return onsets;
}

/** Splits interleaved signed 16-bit little-endian PCM (what `parec --format=s16le` writes). */
export function deinterleaveS16le(bytes: Uint8Array, channels: number): Float32Array[] {
  const frames = Math.floor(bytes.byteLength / (2 * channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++)
      out[c]![f] = view.getInt16((f * channels + c) * 2, true) / 32768;
  }
  return out;
}
