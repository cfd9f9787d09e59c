/**
 * The two timing charts' uPlot options: arrival lead (how early each tick came; below zero is
 * late) and output interval error (how far each onset interval is from the beat), with the
 * +-1 ms band and +-10 ms lines. Each has one series slot per tick stream plus the late marks.
 */
import type uPlot from 'uplot';
import { MAX_PLOT_STREAMS } from '../store/sample-ring';
import { PLOT_COLORS, PLOT_FONT, STREAM_COLORS } from './palette';
import { symmetricRange } from './plot-data';
import { referenceLines } from './reference-lines';

/** Stream slots per chart (the ring tells at most this many streams apart). */
export const STREAM_SLOTS = MAX_PLOT_STREAMS;

const axisX: uPlot.Axis = {
  stroke: PLOT_COLORS.axis,
  // x is seconds before the newest tick: "-20 s" ... "now".
  values: (_u, splits) => splits.map((s) => (s === 0 ? 'now' : `${s} s`)),
  font: PLOT_FONT,
  grid: { stroke: PLOT_COLORS.grid, width: 1 },
  ticks: { stroke: PLOT_COLORS.grid, width: 1, size: 4 },
  size: 28,
};

const axisY = (label: string): uPlot.Axis => ({
  stroke: PLOT_COLORS.axis,
  font: PLOT_FONT,
  labelFont: PLOT_FONT,
  label,
  labelSize: 16,
  size: 46,
  grid: { stroke: PLOT_COLORS.grid, width: 1 },
  ticks: { stroke: PLOT_COLORS.grid, width: 1, size: 4 },
});

const streamSeries = (): uPlot.Series[] =>
  Array.from({ length: STREAM_SLOTS }, (_, i) => ({
    label: `stream ${i + 1}`,
    stroke: STREAM_COLORS[i % STREAM_COLORS.length],
    width: 1.5,
    spanGaps: true,
    points: { show: true, size: 3, width: 0, fill: STREAM_COLORS[i % STREAM_COLORS.length] },
  }));

const pointsOnly = (label: string, color: string, size: number): uPlot.Series => ({
  label,
  stroke: color,
  fill: color,
  width: 0,
  paths: () => null,
  points: { show: true, size, width: 1, stroke: color, fill: color },
});

const base = (width: number, height: number): Omit<uPlot.Options, 'series' | 'axes'> => ({
  width,
  height,
  legend: { show: false },
  cursor: { sync: { key: 'timing' }, drag: { x: false, y: false }, points: { show: false } },
  // Room on the right for the last x label ("now"), which sits on the plot's right edge.
  padding: [8, 18, 0, 0],
});

/**
 * The lead axis: close around the data so a few ms of jitter are visible at any F, reaching
 * down to 0 (the "late" line) once the lead comes within 50 ms of it.
 */
export function leadRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max))
    return [0, 10];
  const lo = min < 50 ? Math.min(0, min) : min;
  const pad = Math.max(4, (max - lo) * 0.12);
  return [lo - pad, max + pad];
}

/** Arrival lead (ms): positive = early enough; the red line at 0 is "late". */
export function leadChartOptions(width: number, height: number): uPlot.Options {
  return {
    ...base(width, height),
    scales: {
      x: { time: false, range: (_u, min, max) => (max > min ? [min, max] : [max - 30, max]) },
      y: { range: (_u, min, max) => leadRange(min, max) },
    },
    series: [{}, ...streamSeries(), pointsOnly('late', PLOT_COLORS.late, 7)],
    axes: [axisX, axisY('lead ms')],
    plugins: [
      referenceLines([{ kind: 'line', value: 0, color: PLOT_COLORS.lateLine, dash: [4, 3] }]),
    ],
  };
}

/** Output interval error (ms), symmetric, with the human (+-1) and ensemble (+-10) references. */
export function errorChartOptions(width: number, height: number): uPlot.Options {
  return {
    ...base(width, height),
    scales: {
      x: { time: false, range: (_u, min, max) => (max > min ? [min, max] : [max - 30, max]) },
      y: {
        range: (_u, min, max) => {
          const r = symmetricRange([min ?? 0, max ?? 0]);
          return [-r, r];
        },
      },
    },
    series: [
      {},
      ...streamSeries(),
      pointsOnly('late', PLOT_COLORS.late, 7),
      pointsOnly('arrival interval error', PLOT_COLORS.arrival, 3),
    ],
    axes: [axisX, axisY('error ms')],
    plugins: [
      referenceLines([
        { kind: 'band', value: 1, color: PLOT_COLORS.humanBand },
        { kind: 'line', value: 10, mirrored: true, color: PLOT_COLORS.ensembleLine, dash: [5, 4] },
        { kind: 'line', value: 0, color: PLOT_COLORS.zeroLine },
      ]),
    ],
  };
}
