/**
 * How a timebase counts, in one line a participant can learn from: which labels drop-frame
 * skips, or how far non-drop labels at an NTSC rate fall behind the clock. The numbers come
 * from the timecode model (shared/timecode), never typed in here.
 */
import {
  formatLabel,
  isNtscRate,
  labelLagPerHourSeconds,
  skippedLabels,
  type Timebase,
  type TimecodeLabel,
} from '../../../shared/timecode';

/** ";00 and ;01" or ";00 to ;03": the frame fields of the labels skipped each minute. */
export function skippedFramesText(labels: readonly TimecodeLabel[]): string {
  const fields = labels.map((l) => `;${String(l.frames).padStart(2, '0')}`);
  if (fields.length <= 2) return fields.join(' and ');
  return `${fields[0]} to ${fields.at(-1)}`;
}

/** Seconds as people say them: 3.6 s, or 3.6 ms below a second. */
function duration(seconds: number): string {
  const s = Math.abs(seconds);
  return s >= 1 ? `${Number(s.toFixed(2))} s` : `${Number((s * 1000).toFixed(2))} ms`;
}

/** The counting rule of `tb` in one sentence. */
export function countingRule(tb: Timebase): string {
  if (tb.dropFrame) {
    const skipped = skippedFramesText(skippedLabels(tb, 1));
    const lag = labelLagPerHourSeconds(tb);
    return (
      `${tb.name}: labels ${skipped} are skipped at the start of each minute except every ` +
      `tenth (no frame is dropped): the labels stay within ${duration(lag)} an hour of the clock.`
    );
  }
  if (isNtscRate(tb.rate)) {
    const lag = labelLagPerHourSeconds(tb);
    return (
      `${tb.name}: every frame gets the next label, but frames come 1000/1001 as fast as the ` +
      `labels count, so labels run ${duration(lag)} per hour behind the clock.`
    );
  }
  return `${tb.name} fps: every frame gets the next label, in step with the clock.`;
}

/** What the display says when it jumped over skipped labels: "skipped 00:01:00;00 and ;01". */
export function skipNotice(labels: readonly TimecodeLabel[]): string {
  const [first] = labels;
  if (!first) return '';
  const rest = skippedFramesText(labels).replace(/^;\d\d/, '');
  return `skipped ${formatLabel(first, ';')}${rest}`;
}
