/**
 * The distribution of output interval error in the plot window, on a canvas redrawn in the
 * shared frame loop: a tall narrow peak at 0 is forward sync working; a wide hill is jitter.
 * The +-1 ms band and +-10 ms lines match the time chart.
 */
import { useEffect, useRef } from 'react';
import { useApp, useServices } from '../app-context';
import type { FrameTask } from './frame-loop';
import { PLOT_COLORS, PLOT_FONT } from './palette';
import { histogram, windowValues, type Bins } from './plot-data';

const BIN_COUNT = 40;

function drawBins(canvas: HTMLCanvasElement, bins: Bins): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const axisH = 16;
  const plotH = h - axisH;
  const r = bins.halfRange;
  const xOf = (v: number): number => ((v + r) / (2 * r)) * w;

  if (bins.total > 0) {
    ctx.fillStyle = PLOT_COLORS.humanBand;
    ctx.fillRect(xOf(-1), 0, xOf(1) - xOf(-1), plotH);
  }
  ctx.strokeStyle = PLOT_COLORS.ensembleLine;
  ctx.setLineDash([4, 3]);
  for (const v of [-10, 10]) {
    if (Math.abs(v) >= r) continue;
    ctx.beginPath();
    ctx.moveTo(Math.round(xOf(v)) + 0.5, 0);
    ctx.lineTo(Math.round(xOf(v)) + 0.5, plotH);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  if (bins.total === 0) {
    ctx.fillStyle = PLOT_COLORS.axis;
    ctx.font = PLOT_FONT;
    ctx.textAlign = 'center';
    ctx.fillText('no ticks yet', w / 2, plotH / 2);
  }
  const max = Math.max(1, ...bins.counts);
  const barW = w / bins.counts.length;
  ctx.fillStyle = PLOT_COLORS.bar;
  bins.counts.forEach((c, i) => {
    if (c === 0) return;
    const barH = Math.max(1, (c / max) * (plotH - 4));
    ctx.fillRect(i * barW + 0.5, plotH - barH, Math.max(1, barW - 1), barH);
  });

  ctx.fillStyle = PLOT_COLORS.axis;
  ctx.font = PLOT_FONT;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(`−${r}`, 0, h);
  ctx.textAlign = 'center';
  ctx.fillText('0 ms', w / 2, h);
  ctx.textAlign = 'right';
  ctx.fillText(`+${r}`, w, h);
}

/** See the file comment. */
export function HistogramCanvas() {
  const { live, frames } = useServices();
  const windowS = useApp((s) => s.plot.windowS);
  const isPaused = useApp((s) => s.isPlotPaused);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const countRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const draw: FrameTask = () => {
      const canvas = canvasRef.current;
      if (!canvas || isPaused) return;
      const bins = histogram(
        windowValues(live.getState().samples, 'outputErrorMs', windowS),
        BIN_COUNT,
      );
      drawBins(canvas, bins);
      if (countRef.current) countRef.current.textContent = `n = ${bins.total}`;
    };
    const off = live.subscribe((s, prev) => {
      if (s.sampleVersion !== prev.sampleVersion) frames.schedule(draw);
    });
    frames.schedule(draw);
    return () => {
      off();
      frames.cancel(draw);
    };
  }, [live, frames, windowS, isPaused]);

  return (
    <figure className="histogram">
      <figcaption>
        Output interval error <span className="muted" ref={countRef} />
      </figcaption>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label="Histogram of output interval error in the plot window"
        data-testid="histogram"
      />
    </figure>
  );
}
