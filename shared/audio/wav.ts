/** 16-bit PCM WAV encoding and decoding (little-endian RIFF), for tick sounds and test recordings. */

/** Decoded PCM audio: one Float32Array per channel, samples in [-1, 1]. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** Encodes float channels as a 16-bit PCM WAV file. */
export function encodeWav(audio: PcmAudio): Uint8Array {
  const nCh = audio.channels.length;
  const frames = audio.channels[0]?.length ?? 0;
  const dataBytes = frames * nCh * 2;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string): void =>
    [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, nCh, true);
  v.setUint32(24, audio.sampleRate, true);
  v.setUint32(28, audio.sampleRate * nCh * 2, true);
  v.setUint16(32, nCh * 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < nCh; c++) {
      const s = Math.max(-1, Math.min(1, audio.channels[c]![f]!));
      v.setInt16(44 + (f * nCh + c) * 2, Math.round(s * 32767), true);
    }
  }
  return out;
}

/** Decodes a 16-bit PCM WAV file (skips chunks other than fmt and data). */
export function decodeWav(bytes: Uint8Array): PcmAudio {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  let at = 12;
  let nCh = 0;
  let rate = 0;
  while (at + 8 <= bytes.byteLength) {
    const id = tag(at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (v.getUint16(body, true) !== 1 || v.getUint16(body + 14, true) !== 16)
        throw new Error('only 16-bit PCM WAV is supported');
      nCh = v.getUint16(body + 2, true);
      rate = v.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (!nCh) throw new Error('WAV data chunk before fmt chunk');
      const frames = Math.floor(Math.min(size, bytes.byteLength - body) / (2 * nCh));
      const channels = Array.from({ length: nCh }, () => new Float32Array(frames));
      for (let f = 0; f < frames; f++) {
        for (let c = 0; c < nCh; c++)
          channels[c]![f] = v.getInt16(body + (f * nCh + c) * 2, true) / 32768;
      }
      return { sampleRate: rate, channels };
    }
    at = body + size + (size & 1);
  }
  throw new Error('WAV file has no data chunk');
}
