// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sample } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';
import { charts } from '../testing/uplot-mock';
import { TimingPanel } from './TimingPanel';

vi.mock('uplot', () => import('../testing/uplot-mock'));

afterEach(() => {
  cleanup();
  charts.length = 0;
});

const pushSamples = (h: ReturnType<typeof renderWithServices>, n: number, from = 0) =>
  act(() => {
    h.bridge.pushStream('stream:samples', {
      items: Array.from({ length: n }, (_, i) =>
        sample({ atMs: 1e6 + (from + i) * 500, leadMs: 100 + i }),
      ),
      dropped: 0,
    });
    h.frames.run();
  });

describe('the timing panel', () => {
  it('draws the samples in the shared frame loop, not per sample', () => {
    const h = renderWithServices(<TimingPanel />);
    expect(charts).toHaveLength(2);
    pushSamples(h, 10);
    const [lead, error] = charts;
    expect(lead!.data[0]).toHaveLength(10);
    expect(lead!.data[1]!.at(-1)).toBe(109);
    expect(lead!.scales.x).toEqual({ min: -30, max: 0 });
    expect(error!.data).toHaveLength(1 + 8 + 2); // x, stream slots, late, arrival
    expect(screen.getByTestId('sample-count').textContent).toBe('10');
    expect(screen.getByTestId('lead-now').textContent).toBe('109');
  });

  it('holds the picture while paused and catches up on resume', () => {
    const h = renderWithServices(<TimingPanel />);
    pushSamples(h, 5);
    fireEvent.click(screen.getByTestId('plot-pause'));
    pushSamples(h, 5, 5);
    expect(charts[0]!.data[0]).toHaveLength(5);
    fireEvent.click(screen.getByTestId('plot-pause'));
    act(() => h.frames.run());
    expect(charts[0]!.data[0]).toHaveLength(10);
  });

  it('resets the engine’s statistics and the plot', async () => {
    const h = renderWithServices(<TimingPanel />);
    pushSamples(h, 5);
    fireEvent.click(screen.getByTestId('plot-reset'));
    await waitFor(() => expect(h.bridge.callsOf('measurements:reset')).toHaveLength(1));
    act(() => h.frames.run());
    expect(h.live.getState().samples.size).toBe(0);
    expect(screen.getByTestId('sample-count').textContent).toBe('0');
  });

  it('shows the worst stream’s summary numbers', () => {
    const h = renderWithServices(<TimingPanel />);
    const metric = (sd: number, p99: number) => ({
      n: 10,
      mean: 0,
      sd,
      min: -p99,
      max: p99,
      p50: 0,
      p95: p99,
      p99,
    });
    const stream = (key: string, sd: number, late: number) => ({
      key,
      source: '127.0.0.1:1',
      address: '/tick',
      mode: 'forward',
      counts: {
        ticks: 100,
        late,
        dropped: 0,
        dispatched: 100,
        lost: 0,
        reordered: 0,
        duplicates: 0,
      },
      metrics: {
        leadMs: metric(1, 2),
        arrivalIntervalErrorMs: metric(10, 25),
        dispatchErrorMs: metric(0.01, 0.02),
        outputIntervalErrorMs: metric(sd, sd * 3),
      },
    });
    act(() =>
      h.bridge.pushState('measurements:changed', {
        streams: [stream('a', 0.05, 0), stream('b', 0.08, 2)],
        untrackedTicks: 0,
      }),
    );
    expect(screen.getByTestId('stat-out-sd').textContent).toBe('0.080');
    expect(screen.getByTestId('stat-out-p99').textContent).toBe('0.240');
    expect(screen.getByTestId('stat-late').textContent).toBe('2.0 %');
    expect(screen.getAllByTestId('stream-row')).toHaveLength(2);
  });

  it('marks a stream that stopped behind the others (a relay restarted elsewhere) and leaves it out of the headline', () => {
    let nowMs = 0;
    const h = renderWithServices(<TimingPanel />, { now: () => nowMs });
    const metric = (sd: number) => ({ n: 10, mean: 0, sd, min: 0, max: 0, p50: 0, p95: 0, p99: 0 });
    const stream = (key: string, ticks: number, outSd: number) => ({
      key,
      source: key,
      address: '/tick',
      mode: 'forward',
      counts: {
        ticks,
        late: 0,
        dropped: 0,
        dispatched: ticks,
        lost: 0,
        reordered: 0,
        duplicates: 0,
      },
      metrics: {
        leadMs: metric(1),
        arrivalIntervalErrorMs: metric(10),
        dispatchErrorMs: metric(0.01),
        outputIntervalErrorMs: metric(outSd),
      },
    });
    const push = (streams: ReturnType<typeof stream>[]) =>
      act(() => h.bridge.pushState('measurements:changed', { streams, untrackedTicks: 0 }));
    push([stream('old', 10, 5)]);
    for (let t = 1; t <= 6; t++) {
      nowMs = t * 1000;
      push([stream('old', 10, 5), stream('new', t, 0.05)]);
    }
    const rows = screen.getAllByTestId('stream-row');
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual(['new', 'old']);
    expect(rows[1]!.getAttribute('data-stale')).toBe('true');
    expect(rows[1]!.textContent).toContain('stopped 6 s ago');
    expect(rows[0]!.getAttribute('data-stale')).toBeNull();
    expect(screen.getByTestId('stat-out-sd').textContent).toBe('0.050');
  });

  it('exports the CSV through a download link', async () => {
    const h = renderWithServices(<TimingPanel />);
    const created: string[] = [];
    URL.createObjectURL = vi.fn(() => (created.push('blob:x'), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this.download);
    });
    fireEvent.click(screen.getByTestId('plot-csv'));
    await waitFor(() => expect(clicks).toEqual(['ticks.csv']));
    expect(h.bridge.callsOf('measurements:csv')).toHaveLength(1);
    click.mockRestore();
  });
});
