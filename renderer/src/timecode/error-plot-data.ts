/**
 * The client's per-frame error over the last `windowS` seconds, as uPlot columns (x: seconds
 * before the newest frame heard; y: error in ms, locked or not), and its spread: what the plot
 * draws and the readout beside it says.
 */
import type { Ring } from '../store/ring';
import type { TimecodeErrorItem } from './timecode-types';

/** x, error while locked, error in any other state. */
export type ErrorColumns = [number[], (number | null)[], (number | null)[]];

/** The window's columns and the sd of its errors (null with fewer than two). */
export interface ErrorWindow {
  columns: ErrorColumns;
  sdMs: number | null;
  lastMs: number | null;
  lastFrames: number | null;
}

/** Builds the window from the ring (newest first inside; columns oldest first for uPlot). */
export function errorWindow(ring: Ring<TimecodeErrorItem>, windowS: number): ErrorWindow {
  const items = ring.newest(ring.capacity);
  const newest = items[0];
  if (!newest) return { columns: [[], [], []], sdMs: null, lastMs: null, lastFrames: null };
  const fromMs = newest.atMs - windowS * 1000;
  const inWindow = items.filter((h) => h.atMs >= fromMs).reverse();
  const x = inWindow.map((h) => (h.atMs - newest.atMs) / 1000);
  const locked = inWindow.map((h) => (h.state === 'locked' ? h.errorMs : null));
  const other = inWindow.map((h) => (h.state === 'locked' ? null : h.errorMs));
  return {
    columns: [x, locked, other],
    sdMs: sd(inWindow.map((h) => h.errorMs)),
    lastMs: newest.errorMs,
    lastFrames: newest.errorFrames,
  };
}

function sd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance);
}
