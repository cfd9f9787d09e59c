import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from '../../scripts/soak/options';

describe('soak options', () => {
  it('defaults to 10 minutes at 120 BPM through a 10 ms +- 3 ms relay, no loss, judged at 2 ms and 1 MB', () => {
    expect(parseSoakArgs([])).toEqual({
      minutes: 10,
      bpm: 120,
      offsetMs: 150,
      delayMs: 10,
      jitterMs: 3,
      loss: 0,
      seed: 1,
      progressSec: 30,
      isJson: false,
      maxDriftMs: 2,
      maxHeapGrowthMb: 1,
    });
  });

  it('takes --minutes, --bpm and --json', () => {
    expect(parseSoakArgs(['--minutes', '0.08', '--bpm', '300', '--json'])).toMatchObject({
      minutes: 0.08,
      bpm: 300,
      isJson: true,
    });
  });

  it('returns null for --help', () => {
    expect(parseSoakArgs(['--help'])).toBeNull();
  });

  it.each([
    [['--bpm', '301'], /--bpm must be a number from 20 to 300, got "301"/],
    [['--minutes', 'ten'], /--minutes must be a number/],
    [['--loss', '2'], /--loss must be a number from 0 to 1/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j in words', (argv, message) => {
    expect(() => parseSoakArgs(argv)).toThrow(message);
  });
});
