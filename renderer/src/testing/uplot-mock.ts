/**
 * uPlot cannot run in happy-dom (no canvas layout): component tests replace it with this
 * recorder (`vi.mock('uplot', () => import('./uplot-mock'))`). The real chart is
 * tested in Chromium (e2e).
 */

/** Every chart created, newest last. */
export const charts: FakePlot[] = [];

/** Records what the component asked uPlot to do. */
export class FakePlot {
  width: number;
  data: unknown[][] = [];
  scales: Record<string, { min: number; max: number }> = {};
  isDestroyed = false;
  constructor(
    readonly opts: { width: number; height: number; series: unknown[] },
    data: unknown[][],
    readonly root: HTMLElement,
  ) {
    this.width = opts.width;
    this.data = data;
    charts.push(this);
  }
  setData(data: unknown[][]): void {
    this.data = data;
  }
  setScale(key: string, range: { min: number; max: number }): void {
    this.scales[key] = range;
  }
  setSize({ width }: { width: number }): void {
    this.width = width;
  }
  destroy(): void {
    this.isDestroyed = true;
  }
}

export default FakePlot;
