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

  it('counts what the receiver refused, every reason in words in its tooltip, and what the OS dropped', () => {
    const { bridge } = renderWithServices(<StatusBar />);
    act(() =>
      bridge.pushState('engine:changed', {
        ...engineSnapshot(),
        counters: {
          ...engineSnapshot().counters,
          capDropped: 4093,
          budgetDropped: 7,
          senderQueueFull: 0,
          kernelDropped: 12,
        },
      }),
    );
    const dropped = screen.getByTestId('counter-dropped');
    expect(dropped.textContent).toBe('4,100');
    const box = dropped.closest('div')!;
    expect(box.className).toContain('is-warn');
    expect(box.title).toContain('4,093 in datagrams of more than 128 messages');
    expect(box.title).toContain('7 from a sender over its budget');
    expect(screen.getByTestId('counter-kernel-dropped').textContent).toBe('12');
  });

  it("says whether the engine's thread runs at real-time priority, and why not in its tooltip", () => {
    const { bridge } = renderWithServices(<StatusBar />);
    act(() => bridge.pushState('engine:changed', engineSnapshot()));
    expect(screen.queryByTestId('engine-priority')).toBeNull(); // not reported: not shown
    act(() =>
      bridge.pushState('engine:changed', {
        ...engineSnapshot(),
        priority: { kind: 'realtime', policy: 'SCHED_FIFO', priority: 1 },
      }),
    );
    const cell = screen.getByTestId('engine-priority');
    expect(cell.textContent).toBe('real-time');
    expect(cell.closest('div')!.title).toContain('real-time priority (SCHED_FIFO 1)');
    act(() =>
      bridge.pushState('engine:changed', {
        ...engineSnapshot(),
        priority: { kind: 'normal', reason: 'the OS refused real-time priority (not permitted)' },
      }),
    );
    expect(cell.textContent).toBe('normal');
    expect(cell.closest('div')!.title).toContain(
      'the OS refused real-time priority (not permitted)',
    );
  });

  it('says the OS drop count is not available where the system does not report it, never 0', () => {
    const { bridge } = renderWithServices(<StatusBar />);
    act(() =>
      bridge.pushState('engine:changed', {
        ...engineSnapshot(),
        counters: { ...engineSnapshot().counters, kernelDropped: null },
      }),
    );
    const kernel = screen.getByTestId('counter-kernel-dropped');
    expect(kernel.textContent).toBe('n/a');
    expect(kernel.closest('div')!.title).toContain('does not report it');
    expect(screen.getByTestId('counter-dropped').closest('div')!.className).not.toContain(
      'is-warn',
    );
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
