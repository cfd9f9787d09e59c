/**
 * `syncroscope timecode convert`: one moment as a frame count, a label and seconds, in any of
 * the eight rates, drop-frame or not. For checking a label by hand and teaching drop-frame.
 */
import { parseArgs } from 'node:util';
import {
  FRAME_RATE_NAMES,
  TimecodeError,
  createTimebase,
  formatFrame,
  formatFrameSeconds,
  labelLagSeconds,
  parseFrame,
  secondsToFrame,
  wrapFrame,
  isNtscRate,
  type Timebase,
} from '../../shared/timecode';
import { UsageError } from './args';
import type { Command, CliContext } from './context';

const usage = `usage: syncroscope timecode convert --fps R [--df] (--frame N | --label L | --seconds S)

Prints one moment as a frame count, a timecode label and seconds since 00:00:00:00.
  --fps R       ${FRAME_RATE_NAMES.join(', ')} (also 30000/1001 and the like)
  --df          drop-frame counting (29.97 and 59.94 only): labels ;00-;01 (;00-;03 at 59.94)
                are skipped each minute except minutes 00, 10, 20, 30, 40, 50
  --frame N     a frame count from 0 (counts past a day wrap to the next day's labels)
  --label L     HH:MM:SS:FF (';', '.' or ',' before the frames are read too)
  --seconds S   real seconds since 00:00:00:00 (gives the frame in progress then)
examples:
  syncroscope timecode convert --fps 29.97 --df --frame 1800
  syncroscope timecode convert --fps 29.97 --label 01:00:00:00
  syncroscope timecode convert --fps 25 --seconds 3600`;

const SECONDS_DECIMALS = 6;

/** `syncroscope timecode convert` (argv: the words after "convert"). */
export const timecodeConvert: Command = {
  summary: 'convert between frame count, timecode label and seconds',
  usage,
  run(argv, ctx) {
    if (argv.includes('--help') || argv.includes('-h')) {
      ctx.out(usage);
      return Promise.resolve(0);
    }
    const { values } = parseArgs({
      args: argv,
      options: {
        fps: { type: 'string' },
        df: { type: 'boolean', default: false },
        frame: { type: 'string' },
        label: { type: 'string' },
        seconds: { type: 'string' },
      },
    });
    if (values.fps === undefined) throw new UsageError('--fps is required');
    const given = (['frame', 'label', 'seconds'] as const).filter((k) => values[k] !== undefined);
    if (given.length !== 1) {
      throw new UsageError('give exactly one of --frame, --label or --seconds');
    }
    try {
      const tb = createTimebase(values.fps, values.df);
      const frame = frameOf(tb, values);
      printMoment(ctx, tb, frame, values.seconds);
    } catch (error) {
      if (error instanceof TimecodeError) throw new UsageError(error.message);
      throw error;
    }
    return Promise.resolve(0);
  },
};

function frameOf(tb: Timebase, values: { frame?: string; label?: string; seconds?: string }) {
  if (values.label !== undefined) return parseFrame(tb, values.label);
  if (values.frame !== undefined) {
    if (!/^\d+$/.test(values.frame.trim()) || !Number.isSafeInteger(Number(values.frame))) {
      throw new UsageError(`--frame must be a whole number from 0, got "${values.frame}"`);
    }
    return Number(values.frame);
  }
  const frame = secondsToFrame(values.seconds!, tb.rate);
  if (frame < 0) throw new UsageError(`--seconds must be 0 or more, got "${values.seconds}"`);
  return frame;
}

function printMoment(ctx: CliContext, tb: Timebase, frame: number, secondsIn?: string): void {
  const { rate } = tb;
  const mode = tb.dropFrame ? ' drop-frame' : isNtscRate(rate) ? ' non-drop' : '';
  ctx.out(`rate     ${rate.name} fps${mode} (${rate.num}/${rate.den} frames per second)`);
  const ofDay = wrapFrame(tb, frame);
  const wrap =
    ofDay === frame
      ? ''
      : `  (day ${Math.floor(frame / tb.framesPerDay) + 1}, frame ${ofDay} of that day)`;
  ctx.out(`frame    ${frame}${wrap}`);
  const label = formatFrame(tb, frame, { dropFrameSeparator: true });
  const seedLabel = formatFrame(tb, frame);
  ctx.out(`label    ${label}${label === seedLabel ? '' : `  (the seed writes ${seedLabel})`}`);
  const start = formatFrameSeconds(frame, rate, SECONDS_DECIMALS);
  const inside =
    secondsIn === undefined ? '' : `  (the frame in progress at ${secondsIn.trim()} s)`;
  ctx.out(`seconds  ${start}${inside}`);
  if (isNtscRate(rate)) {
    const lagS = labelLagSeconds(tb, frame);
    const how = lagS >= 0 ? 'behind' : 'ahead of';
    ctx.out(`drift    the label is ${Math.abs(lagS).toFixed(SECONDS_DECIMALS)} s ${how} real time`);
  }
}
