import { describe, expect, it } from 'vitest';
import { createTimebase, parseFrame } from '../../../shared/timecode';
import { createRing } from '../store/ring';
import { frameItem } from './fake-timecode.test-util';
import { COUNT_ON_MS, createFrameFollower, skippedBetween } from './frame-follower';
import type { TimecodeFrameItem } from './timecode-types';

const tb25 = createTimebase('25');

function ringOf(...items: TimecodeFrameItem[]) {
  const ring = createRing<TimecodeFrameItem>(16);
  items.forEach((i) => ring.push(i));
  return ring;
}

describe('frame follower', () => {
  it('takes the newest frame whose instant has come and says when others still wait', () => {
    const f = createFrameFollower();
    const ring = ringOf(
      frameItem({ playMs: 1000, frame: 25, label: '00:00:01:00' }),
      frameItem({ playMs: 1040, frame: 26, label: '00:00:01:01' }),
      frameItem({ playMs: 1080, frame: 27, label: '00:00:01:02' }),
    );
    expect(f.take(ring, 1050)).toBe(true);
    expect(f.shownAt(1050, tb25, false, false)).toMatchObject({
      label: '00:00:01:01',
      isCounted: false,
    });
    expect(f.take(ring, 1080)).toBe(false);
    expect(f.shownAt(1080, tb25, false, false)?.label).toBe('00:00:01:02');
  });

  it('never goes back to an older frame once a newer one was shown', () => {
    const f = createFrameFollower();
    f.take(ringOf(frameItem({ playMs: 2000, frame: 50, label: '00:00:02:00' })), 2000);
    f.take(ringOf(frameItem({ playMs: 1000, frame: 25, label: '00:00:01:00' })), 2000);
    expect(f.shownAt(2000, tb25, false, false)?.label).toBe('00:00:02:00');
  });

  it('counts on at the rate while running, for at most COUNT_ON_MS', () => {
    const f = createFrameFollower();
    f.take(ringOf(frameItem({ playMs: 0, frame: 0, label: '00:00:00:00' })), 0);
    expect(f.shownAt(39.9, tb25, true, false)?.label).toBe('00:00:00:00');
    expect(f.shownAt(40, tb25, true, false)).toMatchObject({
      label: '00:00:00:01',
      isCounted: true,
    });
    expect(f.shownAt(60_000, tb25, true, false)?.frame).toBe(COUNT_ON_MS / 40);
    expect(f.shownAt(60_000, tb25, false, false)?.label).toBe('00:00:00:00');
  });

  it('finds the labels drop-frame skips between two frames, at minute starts but every tenth', () => {
    const df = createTimebase('29.97', true);
    const at = (label: string) => parseFrame(df, label);
    expect(skippedBetween(df, at('00:00:59;29'), at('00:01:00;02')).map((l) => l.frames)).toEqual([
      0, 1,
    ]);
    expect(skippedBetween(df, at('00:09:59;29'), at('00:10:00;00'))).toEqual([]);
    expect(skippedBetween(df, at('00:01:00;02'), at('00:01:00;03'))).toEqual([]);
    expect(skippedBetween(tb25, 1499, 1500)).toEqual([]);
    const df60 = createTimebase('59.94', true);
    const from = parseFrame(df60, '00:00:59;59');
    expect(skippedBetween(df60, from, from + 1)).toHaveLength(4);
  });
});
