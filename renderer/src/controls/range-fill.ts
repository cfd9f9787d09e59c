/** The inline style that colours a range slider's track up to its thumb (see controls.css). */
import type { CSSProperties } from 'react';

/** `--fill` for a value between min and max. */
export function rangeFill(value: number, min: number, max: number): CSSProperties {
  const share = max > min ? (Math.min(max, Math.max(min, value)) - min) / (max - min) : 0;
  return { '--fill': `${(share * 100).toFixed(2)}%` } as CSSProperties;
}
