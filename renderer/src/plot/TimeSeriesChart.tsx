/**
 * A uPlot chart of one metric over the plot window, fed from the live store: it subscribes to
 * the sample ring and redraws in the shared frame loop (never per sample, never through React
 * state). Paused, it keeps the picture it had.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useApp, useServices } from '../app-context';
import type { SampleRing } from '../store/sample-ring';
import type { FrameTask } from './frame-loop';
import type { Columns } from './plot-data';

/** See the file comment. */
export function TimeSeriesChart({
  label,
  height,
  makeOptions,
  build,
  testId,
}: {
  /** The chart's accessible name (what it shows). */
  label: string;
  height: number;
  /** Options for a given width (series, axes, scales, plugins). */
  makeOptions: (width: number, height: number) => uPlot.Options;
  /** The data for the current window. */
  build: (ring: SampleRing, windowS: number) => Columns;
  testId?: string;
}) {
  const { live, frames } = useServices();
  const windowS = useApp((s) => s.plot.windowS);
  const isPaused = useApp((s) => s.isPlotPaused);
  const hostRef = useRef<HTMLDivElement>(null);
  const view = useRef({ windowS, isPaused, build });
  const drawRef = useRef<FrameTask | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const width = Math.max(200, host.clientWidth);
    const plot = new uPlot(makeOptions(width, height), [[]], host);

    const draw: FrameTask = () => {
      const { windowS: w, isPaused: paused, build: make } = view.current;
      if (paused) return;
      const ring = live.getState().samples;
      const data = make(ring, w);
      plot.setData(data as uPlot.AlignedData, false);
      plot.setScale('x', { min: -w, max: 0 });
      host.dataset.points = String(data[0].length);
    };
    const off = live.subscribe((s, prev) => {
      if (s.sampleVersion !== prev.sampleVersion) frames.schedule(draw);
    });
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            const w = Math.floor(entry?.contentRect.width ?? 0);
            if (w > 0 && w !== plot.width) plot.setSize({ width: w, height });
          });
    resize?.observe(host);
    drawRef.current = draw;
    frames.schedule(draw);
    return () => {
      off();
      resize?.disconnect();
      frames.cancel(draw);
      drawRef.current = null;
      plot.destroy();
    };
  }, [live, frames, makeOptions, height]);

  // The draw task reads the latest options through this ref; a change redraws at once.
  useEffect(() => {
    view.current = { windowS, isPaused, build };
    if (drawRef.current) frames.schedule(drawRef.current);
  }, [windowS, isPaused, build, frames]);

  return <div className="chart" ref={hostRef} role="img" aria-label={label} data-testid={testId} />;
}
