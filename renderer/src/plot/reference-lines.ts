/**
 * A uPlot plugin that draws the timing references behind the data: a shaded +-1 ms band (the
 * human onset limit), dashed lines at +-10 ms (the ensemble budget) and a zero line.
 */
import type uPlot from 'uplot';

/** One horizontal reference. */
export interface Reference {
  /** A band from -value to +value, or a line at value (and -value when `mirrored`). */
  kind: 'band' | 'line';
  value: number;
  mirrored?: boolean;
  color: string;
  dash?: number[];
}

/** The plugin (uPlot calls its draw hook before the series are drawn). */
export function referenceLines(refs: readonly Reference[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx, bbox } = u;
        const y = (v: number): number => Math.round(u.valToPos(v, 'y', true)) + 0.5;
        const yMin = bbox.top;
        const yMax = bbox.top + bbox.height;
        const clamp = (p: number): number => Math.min(yMax, Math.max(yMin, p));
        ctx.save();
        for (const r of refs) {
          if (r.kind === 'band') {
            const top = clamp(y(r.value));
            const bottom = clamp(y(-r.value));
            ctx.fillStyle = r.color;
            ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
            continue;
          }
          ctx.strokeStyle = r.color;
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash((r.dash ?? []).map((d) => d * devicePixelRatio));
          for (const v of r.mirrored ? [r.value, -r.value] : [r.value]) {
            const p = y(v);
            if (p < yMin || p > yMax) continue;
            ctx.beginPath();
            ctx.moveTo(bbox.left, p);
            ctx.lineTo(bbox.left + bbox.width, p);
            ctx.stroke();
          }
        }
        ctx.restore();
      },
    },
  };
}
