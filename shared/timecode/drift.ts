/**
 * How labels drift against real time, for explaining drop-frame. Labels count `base` frames
 * per labelled second, but NTSC rates play 1000/1001 as fast: at 29.97 NDF the label 01:00:00:00
 * comes 3603.6 s after 00:00:00:00 (3.6 s behind the clock); drop-frame skips labels to keep
 * up, leaving it 3.6 ms ahead at 01:00:00;00 (86.4 ms a day).
 */
import { nominalFromFrame } from './drop-frame';
import { labelToFrame, wrapFrame } from './label';
import type { Timebase } from './timebase';

/**
 * Seconds the label of `frame` (within the day) is behind real time since 00:00:00:00:
 * positive when the label reads less than the clock, negative when it runs ahead.
 */
export function labelLagSeconds(tb: Timebase, frame: number): number {
  const { num, den, base } = tb.rate;
  const k = wrapFrame(tb, frame);
  // real - label = k x den / num - nominal / base, over one common denominator: exact integers.
  return (k * den * base - nominalFromFrame(tb, k) * num) / (num * base);
}

/** The lag at the label 01:00:00:00 (29.97 NDF: 3.6 s; 29.97 DF: -0.0036 s; 25 fps: 0). */
export function labelLagPerHourSeconds(tb: Timebase): number {
  return labelLagSeconds(tb, labelToFrame(tb, { hours: 1, minutes: 0, seconds: 0, frames: 0 }));
}
