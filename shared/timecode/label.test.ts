import { describe, expect, it } from 'vitest';
import { TimecodeError } from './errors';
import { formatLabel, frameToLabel, labelProblem, labelToFrame, type TimecodeLabel } from './label';
import { parseLabel } from './label-text';
import { createTimebase, type Timebase } from './timebase';

const df2997 = createTimebase('29.97', true);
const df5994 = createTimebase('59.94', true);

/** frame -> expected label, in both directions. */
const VECTORS: [string, boolean, number, string][] = [
  // drop-frame, from the SMPTE counting rule
  ['29.97', true, 1799, '00:00:59:29'],
  ['29.97', true, 1800, '00:01:00:02'],
  ['29.97', true, 3597, '00:01:59:29'],
  ['29.97', true, 3598, '00:02:00:02'],
  ['29.97', true, 17_981, '00:09:59:29'],
  ['29.97', true, 17_982, '00:10:00:00'],
  ['29.97', true, 17_983, '00:10:00:01'],
  ['29.97', true, 19_782, '00:11:00:02'],
  ['29.97', true, 107_892, '01:00:00:00'],
  ['29.97', true, 2_589_407, '23:59:59:29'],
  ['59.94', true, 3599, '00:00:59:59'],
  ['59.94', true, 3600, '00:01:00:04'],
  ['59.94', true, 35_964, '00:10:00:00'],
  ['59.94', true, 215_784, '01:00:00:00'],
  ['59.94', true, 5_178_815, '23:59:59:59'],
  // non-drop: hours x 3600 x base + minutes x 60 x base + seconds x base + frames
  ['29.97', false, 1800, '00:01:00:00'],
  ['29.97', false, 17_982, '00:09:59:12'],
  ['29.97', false, 108_000, '01:00:00:00'],
  ['59.94', false, 215_784, '00:59:56:24'],
  ['23.976', false, 86_400, '01:00:00:00'],
  ['24', false, 1441, '00:01:00:01'],
  ['25', false, 25, '00:00:01:00'],
  ['25', false, 90_000, '01:00:00:00'],
  ['25', false, 2_159_999, '23:59:59:24'],
  ['30', false, 2_591_999, '23:59:59:29'],
  ['50', false, 180_049, '01:00:00:49'],
  ['60', false, 3600, '00:01:00:00'],
  ['60', false, 5_183_999, '23:59:59:59'],
];

describe('frame counts and labels', () => {
  it.each(VECTORS)(
    'at %s fps (drop-frame %s) frame %i is %s, and back',
    (rate, df, frame, text) => {
      const tb = createTimebase(rate, df);
      expect(formatLabel(frameToLabel(tb, frame))).toBe(text);
      expect(labelToFrame(tb, parseLabel(text))).toBe(frame);
    },
  );

  it('wraps frame counts at the end of the day, both ways', () => {
    expect(frameToLabel(df2997, 2_589_408)).toEqual(label(0, 0, 0, 0));
    expect(frameToLabel(df2997, 2_589_408 + 1800)).toEqual(label(0, 1, 0, 2));
    expect(frameToLabel(df2997, -1)).toEqual(label(23, 59, 59, 29));
    expect(frameToLabel(createTimebase('25'), 3 * 2_160_000 + 25)).toEqual(label(0, 0, 1, 0));
  });

  it('refuses frame counts that are not whole numbers', () => {
    for (const bad of [1.5, NaN, Infinity, 2 ** 60]) {
      expect(() => frameToLabel(df2997, bad)).toThrow(expect.objectContaining({ code: 'frame' }));
    }
  });

  it.each<[string, Timebase, TimecodeLabel, string, string, string]>([
    [
      'a skipped drop-frame label',
      df2997,
      label(0, 1, 0, 0),
      'skipped-label',
      'frames',
      'skips labels ;00 and ;01',
    ],
    [
      'the second skipped label',
      df2997,
      label(0, 1, 0, 1),
      'skipped-label',
      'frames',
      'starts at 00:01:00;02',
    ],
    ['a skipped 59.94 label', df5994, label(5, 59, 0, 3), 'skipped-label', 'frames', ';00 to ;03'],
    [
      'frame 25 at 25 fps',
      createTimebase('25'),
      label(0, 0, 0, 25),
      'field-range',
      'frames',
      'run 00 to 24',
    ],
    ['frame 30 at 29.97', df2997, label(0, 0, 0, 30), 'field-range', 'frames', 'run 00 to 29'],
    [
      'minutes 60',
      createTimebase('24'),
      label(0, 60, 0, 0),
      'field-range',
      'minutes',
      'run 00 to 59',
    ],
    [
      'seconds 60',
      createTimebase('24'),
      label(0, 0, 60, 0),
      'field-range',
      'seconds',
      'run 00 to 59',
    ],
    [
      '24:00:00:00',
      createTimebase('30'),
      label(24, 0, 0, 0),
      'field-range',
      'hours',
      'wraps to 00:00:00:00',
    ],
    [
      'a negative field',
      createTimebase('30'),
      label(0, -1, 0, 0),
      'field-range',
      'minutes',
      'do not exist',
    ],
    [
      'a fractional field',
      createTimebase('30'),
      label(0, 0, 0, 1.5),
      'field-range',
      'frames',
      'does not exist',
    ],
  ])('refuses %s in words', (_, tb, l, code, field, words) => {
    const problem = labelProblem(tb, l);
    expect(problem).toBeInstanceOf(TimecodeError);
    expect(problem).toMatchObject({ code, field, message: expect.stringContaining(words) });
    expect(() => labelToFrame(tb, l)).toThrow(problem!.message);
  });

  it('keeps the labels a non-drop count has at 29.97 that drop-frame skips', () => {
    const ndf = createTimebase('29.97');
    expect(labelProblem(ndf, label(0, 1, 0, 0))).toBeNull();
    expect(labelToFrame(ndf, label(0, 1, 0, 0))).toBe(1800);
  });
});

describe('every frame of a day', () => {
  const MODES: [string, boolean][] = [
    ['23.976', false],
    ['24', false],
    ['25', false],
    ['29.97', false],
    ['29.97', true],
    ['30', false],
    ['50', false],
    ['59.94', false],
    ['59.94', true],
    ['60', false],
  ];

  it.each(MODES)(
    'at %s fps (drop-frame %s) gets the next label in order and maps back to itself',
    (rate, df) => {
      const tb = createTimebase(rate, df);
      // An independent counter: step the fields, then jump over the labels drop-frame skips.
      const expected = label(0, 0, 0, 0);
      let mismatches = 0;
      let first = '';
      for (let k = 0; k < tb.framesPerDay; k++) {
        const got = frameToLabel(tb, k);
        const back = labelToFrame(tb, got);
        if (!sameLabel(got, expected) || back !== k) {
          if (mismatches++ === 0)
            first = `frame ${k}: ${formatLabel(got)} (back ${back}), want ${formatLabel(expected)}`;
        }
        step(expected, tb);
      }
      expect(first).toBe('');
      expect(mismatches).toBe(0);
      // The counter ran off the end of the day exactly when the frames did.
      expect(expected).toEqual(label(24, 0, 0, 0));
    },
    60_000,
  );
});

function label(hours: number, minutes: number, seconds: number, frames: number): TimecodeLabel {
  return { hours, minutes, seconds, frames };
}

function sameLabel(a: TimecodeLabel, b: TimecodeLabel): boolean {
  return (
    a.frames === b.frames &&
    a.seconds === b.seconds &&
    a.minutes === b.minutes &&
    a.hours === b.hours
  );
}

function step(l: TimecodeLabel, tb: Timebase): void {
  if (++l.frames < tb.rate.base) return;
  l.frames = 0;
  if (++l.seconds === 60) {
    l.seconds = 0;
    if (++l.minutes === 60) {
      l.minutes = 0;
      l.hours++;
    }
    if (tb.dropFrame && l.minutes % 10 !== 0) l.frames = tb.rate.base === 30 ? 2 : 4;
  }
}
