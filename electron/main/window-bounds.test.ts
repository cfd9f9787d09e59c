import { describe, expect, it } from 'vitest';
import { boundsToSave, restoreBounds, type Rect } from './window-bounds';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 }; // primary, under a menu bar
const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1440 }; // to its right

describe('restoreBounds', () => {
  it('without a saved position, fits the saved size to the primary display and lets the OS centre it', () => {
    expect(restoreBounds({ width: 1280, height: 800 }, [laptop], laptop)).toEqual({
      width: 1280,
      height: 800,
    });
  });

  it('puts the window back where it was on a display that is still connected', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(restoreBounds(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('centres the window on the primary display when its monitor has been unplugged', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(restoreBounds(saved, [laptop], laptop)).toEqual({ width: 1440, height: 875 });
  });

  it('treats a window of which only a sliver would show as off-screen', () => {
    const saved = { x: 1430, y: 100, width: 1000, height: 700 }; // 10 px on the laptop
    expect(restoreBounds(saved, [laptop], laptop)).toEqual({ width: 1000, height: 700 });
  });

  it('moves a window that hangs off an edge wholly onto its display', () => {
    const saved = { x: 1000, y: -200, width: 1000, height: 700 }; // right and top edges off
    expect(restoreBounds(saved, [laptop], laptop)).toEqual({
      x: 440,
      y: 25,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window saved on a bigger screen to the display it opens on', () => {
    const saved = { x: 0, y: 25, width: 2400, height: 1400 };
    expect(restoreBounds(saved, [laptop], laptop)).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
    });
  });

  it('picks the display that shows most of a window spanning two', () => {
    const saved = { x: 1240, y: 200, width: 1000, height: 600 }; // 200 px left, 800 px right
    expect(restoreBounds(saved, [laptop, monitor], laptop)).toEqual({
      x: 1440,
      y: 200,
      width: 1000,
      height: 600,
    });
  });
});

describe('boundsToSave', () => {
  it('keeps whole pixels within what the settings accept', () => {
    expect(boundsToSave({ x: 10.6, y: -3.2, width: 1000.4, height: 700.5 })).toEqual({
      x: 11,
      y: -3,
      width: 1000,
      height: 701,
    });
    expect(boundsToSave({ x: -1e6, y: 1e6, width: 100, height: 1e6 })).toEqual({
      x: -65536,
      y: 65536,
      width: 640,
      height: 16384,
    });
  });
});
