import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { createCliContext, type CliContext } from './context';
import { timecodeConvert } from './timecode-convert';

const contexts: CliContext[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.scheduler.dispose();
});

/** Runs the command with output captured line by line. */
async function convert(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => into.push(...d.toString().split('\n').filter(Boolean)));
    return s;
  };
  const ctx = createCliContext(new AbortController().signal, sink(out), sink(err));
  contexts.push(ctx);
  const code = await timecodeConvert.run(argv, ctx);
  await new Promise((resolve) => setImmediate(resolve)); // let the streams deliver
  return { code, out, err };
}

/** The value column of one output line. */
const field = (out: string[], name: string) =>
  out.find((line) => line.startsWith(`${name} `))?.slice(9);

describe('syncroscope timecode convert', () => {
  it('turns a drop-frame frame count into its label and start time', async () => {
    const r = await convert(['--fps', '29.97', '--df', '--frame', '1800']);
    expect(r.code).toBe(0);
    expect(field(r.out, 'rate')).toBe('29.97 fps drop-frame (30000/1001 frames per second)');
    expect(field(r.out, 'frame')).toBe('1800');
    expect(field(r.out, 'label')).toBe('00:01:00;02  (the seed writes 00:01:00:02)');
    expect(field(r.out, 'seconds')).toBe('60.060000');
    expect(field(r.out, 'drift')).toBe('the label is 0.006667 s ahead of real time');
  });

  it('turns a label into its frame, showing the non-drop 29.97 lag of 3.6 s an hour', async () => {
    const r = await convert(['--fps', '30000/1001', '--label', '01:00:00:00']);
    expect(field(r.out, 'frame')).toBe('108000');
    expect(field(r.out, 'label')).toBe('01:00:00:00');
    expect(field(r.out, 'seconds')).toBe('3603.600000');
    expect(field(r.out, 'drift')).toBe('the label is 3.600000 s behind real time');
  });

  it('turns seconds into the frame in progress, exactly at a boundary', async () => {
    const r = await convert(['--fps', '25', '--seconds', '3600']);
    expect(field(r.out, 'rate')).toBe('25 fps (25/1 frames per second)');
    expect(field(r.out, 'frame')).toBe('90000');
    expect(field(r.out, 'label')).toBe('01:00:00:00');
    expect(field(r.out, 'seconds')).toBe('3600.000000  (the frame in progress at 3600 s)');
    expect(field(r.out, 'drift')).toBeUndefined();
    const before = await convert(['--fps', '25', '--seconds', '3599.99']);
    expect(field(before.out, 'frame')).toBe('89999');
  });

  it('wraps a frame count past the day to the next day’s labels', async () => {
    const r = await convert(['--fps', '59.94', '--df', '--frame', String(5_178_816 + 3600)]);
    expect(field(r.out, 'frame')).toBe('5182416  (day 2, frame 3600 of that day)');
    expect(field(r.out, 'label')).toBe('00:01:00;04  (the seed writes 00:01:00:04)');
  });

  it('prints its usage for --help', async () => {
    const r = await convert(['--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('usage: syncroscope timecode convert --fps R');
  });

  it.each([
    [['--frame', '1'], '--fps is required'],
    [['--fps', '25'], 'exactly one of --frame, --label or --seconds'],
    [['--fps', '25', '--frame', '1', '--label', '00:00:00:01'], 'exactly one of'],
    [['--fps', '29.976', '--frame', '1'], '"29.976" is not a frame rate'],
    [['--fps', '25', '--df', '--frame', '1'], 'drop-frame exists only at 29.97 and 59.94'],
    [['--fps', '29.97', '--df', '--label', '00:01:00;00'], '00:01:00;00 does not exist'],
    [['--fps', '25', '--label', '00:00:00:25'], 'frame 25 does not exist at 25 fps'],
    [['--fps', '25', '--label', '1 hour'], 'is not a timecode label'],
    [['--fps', '25', '--frame=-3'], '--frame must be a whole number from 0'],
    [['--fps', '25', '--frame', '1.5'], '--frame must be a whole number from 0'],
    [['--fps', '25', '--seconds=-1'], '--seconds must be 0 or more'],
    [['--fps', '25', '--seconds', 'soon'], 'is not a number of seconds'],
  ])('refuses %j as a usage error saying why', async (argv, reason) => {
    await expect(convert(argv)).rejects.toThrow(UsageError);
    await expect(convert(argv)).rejects.toThrow(reason);
  });

  it('refuses an unknown option the way the other commands do', async () => {
    await expect(convert(['--fps', '25', '--frames', '1'])).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_PARSE_ARGS/),
    });
  });
});
