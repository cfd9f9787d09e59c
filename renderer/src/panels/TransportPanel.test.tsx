// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServices } from '../testing/render-app';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { msFromPosition } from './offset-scale';
import { TransportPanel } from './TransportPanel';

afterEach(cleanup);

describe('the transport', () => {
  it('sends the offset while the slider moves, at most 20 times a second, and the last value always', () => {
    const timers = new FakeClock({ startMs: 0 });
    const { bridge } = renderWithServices(<TransportPanel />, { timers });
    const slider = screen.getByTestId('offset-slider');
    const updates = () =>
      bridge.callsOf('metronome:update').filter((u) => 'offsetMs' in u && !('targets' in u));
    // A drag: a new position every 16 ms frame for half a second.
    for (let i = 0; i < 30; i++) {
      act(() => {
        fireEvent.change(slider, { target: { value: String(500 + i * 10) } });
        timers.advance(16);
      });
    }
    act(() => timers.advance(100));
    const sent = updates().map((u) => u.offsetMs);
    expect(sent.length).toBeGreaterThanOrEqual(8); // heard within a beat, not only on release
    expect(sent.length).toBeLessThanOrEqual(11); // 480 ms of dragging at <= 20/s
    expect(sent.at(-1)).toBe(msFromPosition(790));
    expect(screen.getByTestId('offset-readout').textContent).toBe(`${msFromPosition(790)} ms`);
  });

  it('takes an exact offset typed in milliseconds', () => {
    const { bridge } = renderWithServices(<TransportPanel />);
    const field = screen.getByTestId('offset-ms');
    fireEvent.change(field, { target: { value: '12.5' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ offsetMs: 12.5 });
    expect(screen.getByTestId('offset-readout').textContent).toBe('12.5 ms');
  });

  it('says so beside the field when the offset is not a number, and sends nothing', () => {
    const { bridge } = renderWithServices(<TransportPanel />);
    const before = bridge.calls.length;
    const field = screen.getByTestId('offset-ms');
    fireEvent.change(field, { target: { value: 'soon' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(screen.getByTestId('offset-error').textContent).toContain('number of ms');
    expect(bridge.calls.length).toBe(before);
  });

  it('switches mode and explains the one chosen', () => {
    const { bridge } = renderWithServices(<TransportPanel />);
    fireEvent.click(screen.getByTestId('mode-offset'));
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ mode: 'offset' });
    expect(screen.getByTestId('mode-explain').textContent).toContain('send time + F');
  });

  it('steps BPM with the arrow keys (Shift: by ten)', () => {
    const { bridge } = renderWithServices(<TransportPanel />);
    const bpm = screen.getByTestId('setting-bpm');
    fireEvent.keyDown(bpm, { key: 'ArrowUp' });
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ bpm: 101 });
    fireEvent.keyDown(bpm, { key: 'ArrowDown', shiftKey: true });
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ bpm: 91 });
  });

  it('shows the last beat sent, with its accent', () => {
    const { bridge } = renderWithServices(<TransportPanel />);
    act(() =>
      bridge.pushState('metronome:changed', {
        settings: { mode: 'forward', bpm: 100, accentEvery: 4, offsetMs: 100, targets: [] },
        isRunning: true,
        counters: { beats: 9, packets: 9, sendErrors: 0, skippedBeats: 0 },
        lastBeat: { n: 8, accent: true, beatMs: 0, timetag: null },
        targetErrors: {},
        unreachableTargets: {},
      }),
    );
    expect(screen.getByTestId('beat-number').textContent).toBe('8');
    expect(screen.getByTestId('beat-indicator').textContent).toContain('accent');
    expect(screen.getByTestId('transport-toggle').textContent).toContain('Stop');
  });
});
