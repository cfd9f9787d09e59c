/**
 * The tick and accent sounds (assets/*.wav), decoded once per AudioContext. They are inlined into
 * the bundle (`?inline`, a few KB): nothing to fetch, so the same code works from the web host,
 * from Electron's file:// page, and under the page's CSP.
 */
import accentWavUrl from '../../../assets/accent.wav?inline';
import tickWavUrl from '../../../assets/tick.wav?inline';

/** The decoded sounds. */
export interface TickSounds {
  tick: AudioBuffer;
  accent: AudioBuffer;
}

/** The bytes of a base64 `data:` URL. */
export function bytesOfDataUrl(url: string): ArrayBuffer {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || !url.slice(0, comma).endsWith(';base64')) {
    throw new Error(
      `[audio] expected a base64 data: URL for a tick sound, got "${url.slice(0, 40)}"`,
    );
  }
  const text = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

/** Decodes both sounds for `context` (resampled to its rate by the browser). */
export async function decodeTickSounds(
  context: Pick<BaseAudioContext, 'decodeAudioData'>,
): Promise<TickSounds> {
  const [tick, accent] = await Promise.all(
    [tickWavUrl, accentWavUrl].map((url) => context.decodeAudioData(bytesOfDataUrl(url))),
  );
  return { tick: tick!, accent: accent! };
}
