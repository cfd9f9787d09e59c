/**
 * The client's error for each frame it received (received frame minus its own count, in ms) over
 * the last 30 s: scattered by the network's jitter with plain frames, flat with forward ones.
 * uPlot, redrawn in the shared frame loop when frames are heard (never through React state).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useApp, useServices } from '../app-context';
import { formatMs } from '../lib/format';
import type { FrameTask } from '../plot/frame-loop';
import { PLOT_COLORS, PLOT_FONT, STREAM_COLORS } from '../plot/palette';
import { symmetricRange } from '../plot/plot-data';
import { referenceLines } from '../plot/reference-lines';
import { errorWindow } from './error-plot-data';

const WINDOW_S = 30;
const HEIGHT = 120;

const points = (label: string, color: string): uPlot.Series => ({
  label,
  stroke: color,
  width: 1,
  spanGaps: false,
  points: { show: true, size: 3, width: 0, fill: color },
});

/** The chart's options at a width. */
export function errorPlotOptions(width: number, height: number): uPlot.Options {
  const axis = {
    stroke: PLOT_COLORS.axis,
    font: PLOT_FONT,
    grid: { stroke: PLOT_COLORS.grid, width: 1 },
    ticks: { stroke: PLOT_COLORS.grid, width: 1, size: 4 },
  };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    padding: [6, 18, 0, 0],
    scales: {
      x: { time: false, range: (_u, min, max) => (max > min ? [min, max] : [max - WINDOW_S, max]) },
      y: {
        range: (_u, min, max) => {
          const r = symmetricRange([min ?? 0, max ?? 0]);
          return [-r, r];
        },
      },
    },
    series: [{}, points('locked', STREAM_COLORS[0]), points('not locked', PLOT_COLORS.late)],
    axes: [
      {
        ...axis,
        size: 24,
        values: (_u, splits) => splits.map((s) => (s === 0 ? 'now' : `${s} s`)),
      },
      { ...axis, label: 'error ms', labelFont: PLOT_FONT, labelSize: 14, size: 44 },
    ],
    plugins: [
      referenceLines([
        { kind: 'band', value: 1, color: PLOT_COLORS.humanBand },
        { kind: 'line', value: 0, color: PLOT_COLORS.zeroLine },
      ]),
    ],
  };
}

/** See the file comment. */
export function ErrorPlot() {
  const { frames } = useServices();
  const live = useApp((s) => s.timecodeLive);
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const plot = new uPlot(errorPlotOptions(Math.max(200, host.clientWidth), HEIGHT), [[]], host);
    const draw: FrameTask = () => {
      const w = errorWindow(live.getState().heard, WINDOW_S);
      plot.setData(w.columns as uPlot.AlignedData, false);
      plot.setScale('x', { min: -WINDOW_S, max: 0 });
      host.dataset.points = String(w.columns[0].length);
      const readout = readoutRef.current;
      if (readout) {
        readout.textContent =
          w.lastMs === null
            ? 'no frame heard yet'
            : `last ${formatMs(w.lastMs)} ms (${Number((w.lastFrames ?? 0).toFixed(2))} fr) · sd ${formatMs(w.sdMs)} ms`;
      }
    };
    const off = live.subscribe((s, prev) => {
      if (s.heardVersion !== prev.heardVersion) frames.schedule(draw);
    });
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            const width = Math.floor(entry?.contentRect.width ?? 0);
            if (width > 0 && width !== plot.width) plot.setSize({ width, height: HEIGHT });
          });
    resize?.observe(host);
    frames.schedule(draw);
    return () => {
      off();
      resize?.disconnect();
      frames.cancel(draw);
      plot.destroy();
    };
  }, [live, frames]);

  return (
    <div className="tc-section tc-error-plot">
      <div className="tc-subhead">
        <h3>Client error per frame</h3>
        <span className="hint tc-readout" ref={readoutRef} data-testid="timecode-error-readout" />
      </div>
      <div
        className="chart"
        ref={hostRef}
        role="img"
        aria-label="The client's error for each frame it received, in ms, over the last 30 s"
        data-testid="chart-timecode-error"
      />
    </div>
  );
}
