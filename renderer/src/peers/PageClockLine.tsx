/**
 * How far this page's clock is from the engine's, and how sure that is. On the engine's own
 * computer it is about 0; on a tablet it is whatever the tablet's clock is off, already taken
 * into account wherever the page plays or shows engine time.
 */
import { usePageClockView } from '../clock/use-engine-clock';
import { formatMs } from '../lib/format';

const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${formatMs(Math.abs(v))}`;

/** See the file comment. */
export function PageClockLine() {
  const view = usePageClockView();
  return (
    <p
      className="page-clock"
      data-testid="page-clock"
      data-offset-ms={view?.offsetMs}
      data-error-ms={view?.errorBoundMs}
      data-state={view?.state ?? 'none'}
    >
      <span className="page-clock-label">This page → engine</span>{' '}
      {view === null ? (
        <output>not measured yet</output>
      ) : (
        <>
          <output data-testid="page-clock-offset">
            {signed(view.offsetMs)} ms ± {formatMs(view.errorBoundMs)} ms
          </output>
          <span className="page-clock-detail">
            {' '}
            rtt {formatMs(view.rttMs)} ms · {view.state}
          </span>
        </>
      )}
    </p>
  );
}
