/**
 * The drop-frame counting rule. Frames are never dropped, labels are: at 29.97 fps the labels
 * ;00 and ;01 (at 59.94, ;00 to ;03) are skipped at the start of every minute except minutes
 * divisible by 10, so the labels keep within 3.6 ms an hour of the wall clock (non-drop labels
 * at 29.97 fall 3.6 s an hour behind). A "nominal" index counts every label, skipped or not:
 * nominal n is the label n frames past 00:00:00:00 at the nominal whole rate.
 */
import type { TimecodeLabel } from './label';
import type { Timebase } from './timebase';

/** The nominal label index of frame `frame` (0 <= frame < framesPerDay). */
export function nominalFromFrame(tb: Timebase, frame: number): number {
  const drop = tb.dropPerMinute;
  if (drop === 0) return frame;
  const perMinute = tb.rate.base * 60;
  const perDroppingMinute = perMinute - drop;
  const perTenMinutes = perMinute * 10 - drop * 9;
  const tens = Math.floor(frame / perTenMinutes);
  const rest = frame - tens * perTenMinutes;
  // The first minute of each ten keeps all its labels; each later one starts `drop` labels late.
  const droppingMinutes = rest < drop ? 0 : Math.floor((rest - drop) / perDroppingMinute);
  return frame + drop * (9 * tens + droppingMinutes);
}

/** The frame of nominal label index `nominal` (which must not be a skipped label). */
export function frameFromNominal(tb: Timebase, nominal: number): number {
  const drop = tb.dropPerMinute;
  if (drop === 0) return nominal;
  const minutes = Math.floor(nominal / (tb.rate.base * 60));
  return nominal - drop * (minutes - Math.floor(minutes / 10));
}

/** True when the label is one the drop-frame count skips (never for a non-drop timebase). */
export function isSkippedLabel(tb: Timebase, label: TimecodeLabel): boolean {
  return (
    tb.dropPerMinute > 0 &&
    label.minutes % 10 !== 0 &&
    label.seconds === 0 &&
    label.frames < tb.dropPerMinute
  );
}

/**
 * The labels skipped at the start of minute `minutes` of hour `hours`, in order: e.g. at
 * 29.97 DF minute 1 skips 00:01:00;00 and 00:01:00;01, minute 10 skips none.
 */
export function skippedLabels(tb: Timebase, minutes: number, hours = 0): TimecodeLabel[] {
  if (tb.dropPerMinute === 0 || minutes % 10 === 0) return [];
  return Array.from({ length: tb.dropPerMinute }, (_, frames) => ({
    hours,
    minutes,
    seconds: 0,
    frames,
  }));
}
