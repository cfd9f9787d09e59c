/**
 * Where the window opens: its saved size and position, as long as a display still shows it. A
 * window saved on a second monitor that has since been unplugged (or a laptop now on a smaller
 * screen) must never open out of sight: it then opens centred on the primary display, and never
 * larger than the display it opens on. Pure logic, so it is tested without Electron.
 */

/** A rectangle in screen coordinates (device-independent pixels), as Electron gives them. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A window's size, and its position when it has one (no position: the OS centres it). */
export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

/** The window is never saved smaller than its minimum size, nor larger than settings allow. */
const LIMITS = { minWidth: 640, minHeight: 480, max: 16384, maxOffset: 65536 } as const;

/**
 * How much of the window a display must show for the saved position to count: enough to see it
 * and grab it (a sliver of a few pixels at an edge does not count).
 */
const GRIP = { width: 120, height: 24 } as const;

/**
 * The bounds to open with: the saved ones on the display that shows the most of the window,
 * moved and shrunk to lie wholly inside that display's work area (so its title bar is reachable);
 * with no such display (or no saved position), the saved size fitted to the primary display,
 * centred there by the OS.
 */
export function restoreBounds(
  saved: WindowBounds,
  workAreas: readonly Rect[],
  primary: Rect,
): WindowBounds {
  const home = saved.x === undefined || saved.y === undefined ? null : bestArea(saved, workAreas);
  if (home && saved.x !== undefined && saved.y !== undefined) {
    const width = Math.min(saved.width, home.width);
    const height = Math.min(saved.height, home.height);
    return {
      width,
      height,
      x: clamp(saved.x, home.x, home.x + home.width - width),
      y: clamp(saved.y, home.y, home.y + home.height - height),
    };
  }
  return {
    width: Math.min(saved.width, primary.width),
    height: Math.min(saved.height, primary.height),
  };
}

function bestArea(saved: WindowBounds, workAreas: readonly Rect[]): Rect | null {
  const rect = { x: saved.x ?? 0, y: saved.y ?? 0, width: saved.width, height: saved.height };
  let best: Rect | null = null;
  let bestShown = 0;
  for (const area of workAreas) {
    const shown = intersect(rect, area);
    if (!shown) continue;
    const isGrippable =
      shown.width >= Math.min(GRIP.width, rect.width) &&
      shown.height >= Math.min(GRIP.height, rect.height);
    if (isGrippable && shown.width * shown.height > bestShown) {
      best = area;
      bestShown = shown.width * shown.height;
    }
  }
  return best;
}

/** What to save of a window's normal (not maximized) bounds: whole pixels within the limits. */
export function boundsToSave(normal: Rect): Required<WindowBounds> {
  return {
    width: clamp(Math.round(normal.width), LIMITS.minWidth, LIMITS.max),
    height: clamp(Math.round(normal.height), LIMITS.minHeight, LIMITS.max),
    x: clamp(Math.round(normal.x), -LIMITS.maxOffset, LIMITS.maxOffset),
    y: clamp(Math.round(normal.y), -LIMITS.maxOffset, LIMITS.maxOffset),
  };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
