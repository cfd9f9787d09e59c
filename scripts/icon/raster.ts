/**
 * Draws the icon's shapes into RGBA pixels, with no native image library: each shape is a signed
 * distance field, so its edge is anti-aliased over one pixel at every size.
 */
import { CANVAS, type Shape } from './design';

/** Straight-alpha RGBA, 8 bits a channel, rows top to bottom. */
export interface Pixels {
  size: number;
  rgba: Uint8Array;
}

/** Renders `shapes` (on the 1024 canvas) at `size` x `size` pixels. */
export function rasterize(shapes: readonly Shape[], size: number): Pixels {
  const scale = CANVAS / size; // canvas units per pixel
  // Premultiplied colour and alpha, as floats, so each shape is composited "over" exactly.
  const acc = new Float64Array(size * size * 4);
  for (const shape of shapes) {
    const [r, g, b] = hexColour(
      shape.kind === 'ring' || shape.kind === 'polyline' ? shape.stroke : shape.fill,
    );
    const distance = distanceField(shape);
    // Only the pixels of the shape's box (and one around it) can be touched.
    const box = bounds(shape);
    const first = (v: number) => Math.max(0, Math.floor(v / scale) - 1);
    const last = (v: number) => Math.min(size - 1, Math.ceil(v / scale) + 1);
    for (let py = first(box.top); py <= last(box.bottom); py++) {
      const y = (py + 0.5) * scale;
      for (let px = first(box.left); px <= last(box.right); px++) {
        const d = distance((px + 0.5) * scale, y) / scale; // in pixels, negative inside
        const a = Math.min(1, Math.max(0, 0.5 - d));
        if (a === 0) continue;
        const i = (py * size + px) * 4;
        acc[i] = r * a + acc[i]! * (1 - a);
        acc[i + 1] = g * a + acc[i + 1]! * (1 - a);
        acc[i + 2] = b * a + acc[i + 2]! * (1 - a);
        acc[i + 3] = a + acc[i + 3]! * (1 - a);
      }
    }
  }
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = acc[i + 3]!;
    if (alpha === 0) continue;
    for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((acc[i + c]! / alpha) * 255);
    rgba[i + 3] = Math.round(alpha * 255);
  }
  return { size, rgba };
}

/** The canvas box a shape paints in. */
function bounds(shape: Shape): { left: number; top: number; right: number; bottom: number } {
  switch (shape.kind) {
    case 'round-rect':
      return {
        left: shape.x,
        top: shape.y,
        right: shape.x + shape.size,
        bottom: shape.y + shape.size,
      };
    case 'circle':
    case 'ring': {
      const r = shape.r + (shape.kind === 'ring' ? shape.width / 2 : 0);
      return { left: shape.cx - r, top: shape.cy - r, right: shape.cx + r, bottom: shape.cy + r };
    }
    case 'polyline': {
      const xs = shape.points.map(([x]) => x);
      const ys = shape.points.map(([, y]) => y);
      const half = shape.width / 2;
      return {
        left: Math.min(...xs) - half,
        top: Math.min(...ys) - half,
        right: Math.max(...xs) + half,
        bottom: Math.max(...ys) + half,
      };
    }
  }
}

/** Signed distance (canvas units) from a point to the shape's edge: negative inside. */
function distanceField(shape: Shape): (x: number, y: number) => number {
  switch (shape.kind) {
    case 'round-rect': {
      const half = shape.size / 2;
      const cx = shape.x + half;
      const cy = shape.y + half;
      const inner = half - shape.radius;
      return (x, y) => {
        const qx = Math.abs(x - cx) - inner;
        const qy = Math.abs(y - cy) - inner;
        const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
        return outside + Math.min(Math.max(qx, qy), 0) - shape.radius;
      };
    }
    case 'circle':
      return (x, y) => Math.hypot(x - shape.cx, y - shape.cy) - shape.r;
    case 'ring':
      return (x, y) => Math.abs(Math.hypot(x - shape.cx, y - shape.cy) - shape.r) - shape.width / 2;
    case 'polyline': {
      const { points, width } = shape;
      return (x, y) => {
        let best = Infinity;
        for (let i = 1; i < points.length; i++) {
          const [ax, ay] = points[i - 1]!;
          const [bx, by] = points[i]!;
          // Cheap reject: the segment's box, grown by the stroke, does not hold the point.
          if (x < Math.min(ax, bx) - width || x > Math.max(ax, bx) + width) continue;
          if (y < Math.min(ay, by) - width || y > Math.max(ay, by) + width) continue;
          best = Math.min(best, segmentDistance(x, y, ax, ay, bx, by));
        }
        return best - width / 2;
      };
    }
  }
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function hexColour(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}
