// @vitest-environment happy-dom
/**
 * The SMPTE display: each frame appears at its instant (its playMs on the page's clock, here the
 * test's frame times), counts on between frames while the client follows, names the labels
 * drop-frame skips when it jumps over them, and says how the rate counts.
 */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createTimebase, formatFrame, parseFrame } from '../../../shared/timecode';
import { defaultSettings } from '../store/persistence';
import { createFakeBridge } from '../testing/fake-bridge';
import { installFakeEngine, renderWithServices } from '../testing/render-app';
import {
  frameItem,
  installFakeTimecode,
  timecodeSnapshot,
} from '../timecode/fake-timecode.test-util';
import { defaultTimecode } from '../timecode/timecode-defaults';
import type { TimecodeSettingsView } from '../timecode/timecode-types';
import { TimecodeDisplay } from './TimecodeDisplay';

afterEach(cleanup);

/** The frame loop's time (performance.now() scale) at which the page's clock reads `unixMs`. */
const at = (unixMs: number): number => unixMs - performance.timeOrigin;

const T = 1_900_000_000_000;

async function show(patch: Partial<TimecodeSettingsView>) {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  installFakeTimecode(bridge);
  const timecode = { ...defaultTimecode(), role: 'pair' as const, ...patch };
  const h = renderWithServices(<TimecodeDisplay />, {
    bridge,
    settings: { ...defaultSettings(), timecode },
  });
  await waitFor(() => expect(bridge.callsOf('timecode:update')).toHaveLength(1));
  const push = (...items: Parameters<typeof frameItem>[0][]) =>
    bridge.pushStream('stream:timecode-frames', { items: items.map(frameItem), dropped: 0 });
  const label = () => screen.getByTestId('timecode-label').textContent;
  return { ...h, push, label, timecode };
}

describe('the SMPTE display', () => {
  it('shows a frame exactly when its instant comes, not when it arrives', async () => {
    const { push, label, frames } = await show({ sendMode: 'forward' });
    push({ playMs: T, frame: 250, label: '00:00:10:00' });
    frames.run(at(T - 1));
    expect(label()).toBe('--:--:--:--');
    frames.run(at(T));
    expect(label()).toBe('00:00:10:00');
  });

  it('counts on at the rate between frames while the client follows, and stops when it does not', async () => {
    const { bridge, push, label, frames, timecode } = await show({});
    const locked = timecodeSnapshot({ ...timecode });
    act(() =>
      bridge.pushState('timecode:changed', {
        ...locked,
        client: { ...locked.client, state: 'locked' },
      }),
    );
    push({ playMs: T, frame: 250, label: '00:00:10:00' });
    frames.run(at(T + 1));
    expect(label()).toBe('00:00:10:00');
    frames.run(at(T + 85)); // 25 fps: two frames of 40 ms later, no message yet
    expect(label()).toBe('00:00:10:02');
    act(() => bridge.pushState('timecode:changed', locked)); // client stopped: no more counting
    frames.run(at(T + 130));
    expect(label()).toBe('00:00:10:00');
  });

  it('shows a heard frame at its instant, so plain frames through a jittery network stutter', async () => {
    const { bridge, push, label, frames } = await show({});
    push({ playMs: T, frame: 250, label: '00:00:10:00' }); // the client's own estimate
    const heard = (atMs: number, text: string) =>
      bridge.pushStream('stream:timecode-errors', {
        items: [{ atMs, label: text, errorFrames: 0, errorMs: 0, state: 'locked' }],
        dropped: 0,
      });
    heard(T + 52, '00:00:10:01'); // due at T + 40, arrived 12 ms late
    frames.run(at(T + 45));
    expect(label()).toBe('00:00:10:00'); // not heard yet: the estimate
    frames.run(at(T + 52));
    expect(label()).toBe('00:00:10:01'); // when it arrived, not when it was due
    frames.run(at(T + 52 + 500)); // nothing heard for half a second: the estimate again
    expect(label()).not.toBe('00:00:10:01');
  });

  it('takes the master’s frames for a master and the client’s for a pair', async () => {
    const { push, frames } = await show({});
    push(
      { playMs: T, frame: 25, label: '00:00:01:00', role: 'master' },
      { playMs: T, frame: 24, label: '00:00:00:24', role: 'client' },
    );
    frames.run(at(T));
    expect(screen.getByTestId('timecode-label').textContent).toBe('00:00:00:24');
    expect(screen.getByTestId('timecode-master').textContent).toBe('00:00:01:00');
  });

  it('names the labels drop-frame skips when the display jumps over them', async () => {
    const { push, label, frames } = await show({
      rate: '29.97',
      dropFrame: true,
      dropFrameSeparator: true,
    });
    const tb = createTimebase('29.97', true);
    const before = parseFrame(tb, '00:00:59;29');
    push(
      { playMs: T, frame: before, label: formatFrame(tb, before, { dropFrameSeparator: true }) },
      {
        playMs: T + 33.4,
        frame: before + 1,
        label: formatFrame(tb, before + 1, { dropFrameSeparator: true }),
      },
    );
    frames.run(at(T));
    expect(label()).toBe('00:00:59;29');
    frames.run(at(T + 34));
    expect(label()).toBe('00:01:00;02');
    const skip = screen.getByTestId('timecode-skip');
    expect(skip.textContent).toBe('skipped 00:01:00;00 and ;01');
    expect(skip.dataset.skips).toBe('1');
  });

  it('explains drop-frame: which labels are skipped, and when', async () => {
    await show({ rate: '29.97', dropFrame: true });
    const rule = screen.getByTestId('timecode-rule').textContent!;
    expect(rule).toContain('29.97 DF');
    expect(rule).toContain(
      ';00 and ;01 are skipped at the start of each minute except every tenth',
    );
    expect(screen.getByTestId('timecode-display-rate').textContent).toBe('29.97 DF');
  });

  it('says how far 29.97 non-drop labels fall behind the clock', async () => {
    await show({ rate: '29.97', dropFrame: false });
    expect(screen.getByTestId('timecode-rule').textContent).toContain(
      'labels run 3.6 s per hour behind the clock',
    );
    expect(screen.getByTestId('timecode-display-rate').textContent).toBe('29.97 NDF');
  });

  it('offers the plain/forward switch beside the display, and sends it', async () => {
    const { bridge } = await show({});
    act(() => screen.getByTestId('timecode-display-forward').click());
    await waitFor(() =>
      expect(bridge.callsOf('timecode:update').at(-1)).toEqual({ sendMode: 'forward' }),
    );
  });
});
