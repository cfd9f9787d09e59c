/**
 * A line through noisy clock readings that a few wild samples cannot move: fit, reject residuals
 * beyond a few robust sds (1.4826 x MAD) of their median, refit the slope on the rest, and take
 * the offset as the interquartile mean of their residuals. Used wherever two clocks are compared:
 * host -> AudioContext time (`shared/audio/clock-map.ts`), page -> engine and peer -> peer clock
 * sync (x = local time of a sample, y = the other clock or its offset, cost = the round trip).
 */
import { interquartileMeanSorted, quantileSorted, robustSd } from '../stats/summary';

/** One sample: y read at x, with an optional cost for {@link RobustFitOptions.keepBest}. */
export interface FitPoint {
  x: number;
  y: number;
  /** Lower is better (e.g. the round trip of a ping); unknown costs rank last. */
  cost?: number;
}

/** Options of {@link fitRobustLine}. x and y quantities are in the caller's units. */
export interface RobustFitOptions {
  /**
   * Residuals within this of their median are always inliers, in y's unit: the MAD of exact data
   * is 0, and rounding must not turn good points into outliers.
   */
  minCutoff: number;
  /** Residuals beyond this many robust sds from their median are outliers (default 4). */
  cutoffSds?: number;
  /** Use this slope instead of estimating one. */
  slope?: number;
  /** The slope when it cannot be estimated, and the centre of its clamp (default 1: two clocks). */
  nominalSlope?: number;
  /** Below this x span the slope is not estimated: `nominalSlope` (default 0). */
  minSpanX?: number;
  /** An estimated slope is clamped to `nominalSlope` +- this (default unlimited). */
  maxSlopeDeviation?: number;
  /** Fit only this many points of lowest cost (ties: the larger x), e.g. the fastest pings. */
  keepBest?: number;
  /** Fewer usable points than this give null (default 1). */
  minPoints?: number;
  /** Where to report the offset (default: the fitted points' mean x, where it is most exact). */
  refX?: number;
}

/** A fitted line: y = offset + slope * (x - refX). */
export interface RobustLineFit {
  refX: number;
  /** y of the line at `refX`. */
  offset: number;
  slope: number;
  /** Sample sd of the inliers' residuals around the line, in y's unit. */
  residualSd: number;
  inliers: number;
  /** Points fitted: finite ones, after `keepBest`. */
  points: number;
  /** x from the smallest to the largest fitted point. */
  spanX: number;
}

/** y of a fitted line at `x`. */
export function lineAt(fit: RobustLineFit, x: number): number {
  return fit.offset + fit.slope * (x - fit.refX);
}

const ascending = (a: number, b: number) => a - b;

function selectPoints(points: readonly FitPoint[], keepBest: number | undefined): FitPoint[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (keepBest === undefined || keepBest >= finite.length) return finite;
  const cost = (p: FitPoint) => (p.cost !== undefined && !Number.isNaN(p.cost) ? p.cost : Infinity);
  const ranked = [...finite].sort((a, b) => cost(a) - cost(b) || b.x - a.x);
  return ranked.slice(0, Math.max(0, keepBest));
}

/**
 * Fits the points (any order); null below `minPoints`. Works in coordinates centred on the
 * points (mean x, first y), so hours of Unix or page time lose no precision. Points whose x or y
 * is not finite are left out. Pure; allocates per call (a few arrays of the points' length).
 * Clock sync: x = local midpoint of a ping, y = peer offset, cost = round trip, nominalSlope 0.
 */
export function fitRobustLine(
  points: readonly FitPoint[],
  options: RobustFitOptions,
): RobustLineFit | null {
  const used = selectPoints(points, options.keepBest);
  const n = used.length;
  if (n === 0 || n < (options.minPoints ?? 1)) return null;
  const nominal = options.nominalSlope ?? 1;
  const limit = options.maxSlopeDeviation ?? Infinity;
  let meanX = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const p of used) {
    meanX += p.x / n;
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
  }
  const y0 = used[0]!.y;
  const dx = used.map((p) => p.x - meanX);
  const dy = used.map((p) => p.y - y0);

  const slopeOf = (use: (i: number) => boolean): number => {
    if (options.slope !== undefined) return options.slope;
    if (maxX - minX < (options.minSpanX ?? 0)) return nominal;
    let k = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      if (!use(i)) continue;
      k++;
      sx += dx[i]!;
      sy += dy[i]!;
    }
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      if (!use(i)) continue;
      sxy += (dx[i]! - sx / k) * (dy[i]! - sy / k);
      sxx += (dx[i]! - sx / k) ** 2;
    }
    if (!(sxx > 0)) return nominal; // every x alike: no slope to see
    return Math.min(nominal + limit, Math.max(nominal - limit, sxy / sxx));
  };

  let slope = slopeOf(() => true);
  const first = dx.map((x, i) => dy[i]! - slope * x);
  const center = quantileSorted([...first].sort(ascending), 0.5);
  const cutoff = Math.max(options.minCutoff, (options.cutoffSds ?? 4) * robustSd(first));
  const isInlier = first.map((r) => Math.abs(r - center) <= cutoff);
  slope = slopeOf((i) => isInlier[i]!);
  const residuals: number[] = [];
  for (let i = 0; i < n; i++) if (isInlier[i]) residuals.push(dy[i]! - slope * dx[i]!);
  residuals.sort(ascending);
  const offset = interquartileMeanSorted(residuals);
  let sq = 0;
  for (const r of residuals) sq += (r - offset) ** 2;
  const refX = options.refX ?? meanX;
  return {
    refX,
    offset: y0 + offset + slope * (refX - meanX),
    slope,
    residualSd: residuals.length > 1 ? Math.sqrt(sq / (residuals.length - 1)) : 0,
    inliers: residuals.length,
    points: n,
    spanX: maxX - minX,
  };
}
