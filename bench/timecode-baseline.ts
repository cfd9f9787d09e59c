/**
 * The seed's way of generating timecode, in Node, as the baseline for our master: send the frame,
 * sleep one frame duration (setTimeout(1000 / fps)), count one more. Every sleep oversleeps a
 * little and the send itself takes time, and nothing ever catches up, so the labels fall behind.
 */
import type { Clock } from '../electron/engine/time/clock';
import { createTimebase, frameInstant, timecodeMessage, type FrameRate } from '../shared/timecode';
import { encodePacket, ntpToUnixMs } from '../shared/osc/index';
import type { FrameSend } from './timecode-figures';

/** Options for {@link runSleepPerFrame}. */
export interface SleepPerFrameOptions {
  clock: Clock;
  rate: FrameRate;
  frames: number;
  /** Sends one datagram (the seed's one-string message). */
  send(bytes: Uint8Array): Promise<void> | void;
}

/** Runs the sleep-per-frame generator for `frames` frames; each frame's instant counts from its first send. */
export function runSleepPerFrame(options: SleepPerFrameOptions): Promise<FrameSend[]> {
  const { clock, rate, frames } = options;
  const tb = createTimebase(rate);
  const frameMs = (1000 * rate.den) / rate.num;
  const startNtp = clock.nowNtp();
  const sends: FrameSend[] = [];
  return new Promise((resolve, reject) => {
    let frame = 0;
    const tick = (): void => {
      try {
        const bytes = encodePacket(timecodeMessage(tb, frame));
        const sentMs = clock.nowMs();
        void options.send(bytes);
        sends.push({ frame, instantMs: ntpToUnixMs(frameInstant(startNtp, frame, rate)), sentMs });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      frame++;
      if (frame < frames) setTimeout(tick, frameMs);
      else resolve(sends);
    };
    tick();
  });
}
