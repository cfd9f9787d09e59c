// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { engineSnapshot, metronomeSnapshot } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';
import { StatusBar } from './StatusBar';

afterEach(cleanup);

describe('the status bar', () => {
  it('counts every datagram sent: the metronome’s ticks and the composer’s messages', () => {
    const { bridge } = renderWithServices(<StatusBar />);
    act(() => {
      bridge.pushState('engine:changed', {
        ...engineSnapshot(),
        sent: { packets: 2, bytes: 40, errors: 0 },
      });
      bridge.pushState(
        'metronome:changed',
        metronomeSnapshot(undefined, {
          counters: { beats: 7, packets: 14, sendErrors: 0, skippedBeats: 0 },
        }),
      );
    });
    expect(screen.getByTestId('counter-sent').textContent).toBe('16');
  });

  it('shows the lost connection at once, and nothing once it is back', () => {
    const { bridge } = renderWithServices(<StatusBar />);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => bridge.setConnection('reconnecting'));
    expect(screen.getByTestId('connection-banner').textContent).toContain('reconnecting');
    act(() => bridge.setConnection('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });
});
