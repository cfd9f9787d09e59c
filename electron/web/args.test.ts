import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_PORT, parseHostArgs } from './args';

describe('parseHostArgs', () => {
  it('defaults to this computer only', () => {
    expect(parseHostArgs([])).toEqual({
      host: '127.0.0.1',
      port: DEFAULT_WEB_PORT,
      isOpenWanted: false,
      isHelp: false,
      clockSkew: { offsetMs: 0, driftPpm: 0 },
    });
  });

  it('takes the teaching clock for the engine: --clock-offset MS and --clock-drift PPM', () => {
    expect(
      parseHostArgs(['--clock-offset', '250', '--port', '0', '--clock-drift=50']),
    ).toMatchObject({ port: 0, clockSkew: { offsetMs: 250, driftPpm: 50 } });
    expect(() => parseHostArgs(['--clock-offset', 'soon'])).toThrow(/--clock-offset must be/);
  });

  it('reads --port P, --port=P, --host H and --no-open', () => {
    expect(
      parseHostArgs(['--port', '9000', '--host=0.0.0.0', '--no-open'], { isOpenWanted: true }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      isOpenWanted: false,
    });
    expect(parseHostArgs(['--port=0']).port).toBe(0);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /from 0 to 65535/],
    [['--port'], /--port needs a value/],
    [['--bogus'], /Unknown option "--bogus"/],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => parseHostArgs(argv)).toThrow(message);
  });
});
