/** Colours the canvases draw with (the same tokens as styles/tokens.css). */

/** One colour per tick stream, distinguishable for common colour-vision deficiencies. */
export const STREAM_COLORS = [
  '#6cb6ff',
  '#f2b45a',
  '#c79bff',
  '#7fd99a',
  '#ff8fb1',
  '#5fd3d3',
  '#d9d27a',
  '#b0b8c4',
] as const;

/** Everything else the plots draw. */
export const PLOT_COLORS = {
  axis: '#a3adbb',
  grid: 'rgba(255,255,255,0.06)',
  late: '#ff6b6b',
  arrival: 'rgba(176,184,196,0.55)',
  humanBand: 'rgba(127,217,154,0.10)',
  ensembleLine: 'rgba(242,180,90,0.75)',
  zeroLine: 'rgba(255,255,255,0.28)',
  lateLine: 'rgba(255,107,107,0.55)',
  bar: '#6cb6ff',
} as const;

/** The font canvases use (DejaVu on Debian, the system UI elsewhere). */
export const PLOT_FONT = '11px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';
