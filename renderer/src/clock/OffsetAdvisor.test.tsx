// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMetronome } from '../store/defaults';
import { metronomeSnapshot, sample } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';
import { measurementsOf, stream } from '../peers/peer-fixtures.test-util';
import { OffsetAdvisor } from './OffsetAdvisor';

afterEach(cleanup);

const SOURCE = '127.0.0.1:50000';
const KEY = `${SOURCE} /tick`;

function setup(offsetMs: number, delaysMs: number[]) {
  const h = renderWithServices(<OffsetAdvisor />);
  const settings = { ...defaultMetronome(), mode: 'forward' as const, offsetMs };
  act(() => {
    h.bridge.pushState('metronome:changed', metronomeSnapshot(settings));
    h.live.getState().pushSamples(
      delaysMs.map((d, i) => sample({ key: KEY, atMs: 1_000_000 + i, leadMs: offsetMs - d })),
      0,
    );
    h.bridge.pushState('measurements:changed', measurementsOf([stream(SOURCE, 1)]));
  });
  return h;
}

describe('the forward-offset advisor', () => {
  it('suggests F from the measured ticks, with the late rate now and under it', () => {
    // 100 ticks: 3 ms of delay, a few at 9 ms (5 %), measured at F = 5 ms.
    const delays = Array.from({ length: 100 }, (_, i) => (i % 20 === 0 ? 9 : 3));
    setup(5, delays);
    // p99.9 = 9 ms; this computer's own clock: no sync error; + 2 ms.
    expect(screen.getByTestId('advisor-suggested').textContent).toBe('11 ms');
    expect(screen.getByTestId('advisor-late').textContent).toMatch(
      /Late under it: 0 % of the last 100 ticks \(now, at F = 5 ms: 5\.0 %\)/,
    );
  });

  it('applies the suggestion in one click', () => {
    const { bridge } = setup(5, Array(40).fill(6));
    fireEvent.click(screen.getByTestId('advisor-apply'));
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ offsetMs: 8 });
  });

  it('says so when F is already the suggested one', () => {
    setup(5, Array(40).fill(3));
    const apply = screen.getByTestId('advisor-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(apply.textContent).toMatch(/F is the suggested one/);
  });

  it('asks for a timetagged mode in immediate mode', () => {
    const h = renderWithServices(<OffsetAdvisor />);
    act(() =>
      h.bridge.pushState(
        'metronome:changed',
        metronomeSnapshot({ ...defaultMetronome(), mode: 'immediate' }),
      ),
    );
    expect(screen.getByTestId('offset-advisor').textContent).toMatch(/offset or forward mode/);
  });

  it('forgets the ticks measured under the previous F once F changes', () => {
    const h = setup(5, Array(40).fill(3));
    act(() =>
      h.bridge.pushState(
        'metronome:changed',
        metronomeSnapshot({ ...defaultMetronome(), mode: 'forward', offsetMs: 50 }),
      ),
    );
    expect(screen.getByTestId('offset-advisor').textContent).toMatch(
      /waiting for ticks measured at F = 50 ms/,
    );
  });
});
