import type { ReactNode } from 'react';

/** One headline figure: a label, its value (an `<output>`), a unit, and a tone class. */
export function Tile(props: {
  label: string;
  unit?: string;
  /** 'is-good' | 'is-fair' | 'is-poor', or '' for none. */
  tone?: string;
  title?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={props.tone ? `tile ${props.tone}` : 'tile'}>
      <span className="tile-label" title={props.title}>
        {props.label}
      </span>
      <span className="tile-value">
        {props.children}
        {props.unit && <span className="unit">{props.unit}</span>}
      </span>
    </div>
  );
}
