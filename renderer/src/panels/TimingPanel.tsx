/**
 * The live jitter and latency view: arrival lead and output interval error per tick over the
 * last 10 s / 30 s / 2 min, late ticks in red, the +-1 ms (human onset) band and +-10 ms
 * (ensemble) lines, the error's histogram, summary numbers, pause, reset and CSV export.
 */
import { useCallback } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { Segmented } from '../controls/Segmented';
import { errorChartOptions, leadChartOptions, STREAM_SLOTS } from '../plot/chart-options';
import { HistogramCanvas } from '../plot/HistogramCanvas';
import { buildColumns } from '../plot/plot-data';
import { TimeSeriesChart } from '../plot/TimeSeriesChart';
import type { SampleRing } from '../store/sample-ring';
import { PLOT_WINDOWS_S } from '../store/defaults';
import { LeadNowTile, SampleCountTile } from './LiveReadouts';
import { StreamTable, SummaryTiles } from './StreamStats';

const buildLead = (ring: SampleRing, windowS: number) =>
  buildColumns(ring, 'leadMs', windowS, STREAM_SLOTS);

/** Saves text as a file through a temporary link (the page has no file system access). */
function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** See the file comment. */
export function TimingPanel() {
  const windowS = useApp((s) => s.plot.windowS);
  const showArrival = useApp((s) => s.plot.showArrival);
  const isPaused = useApp((s) => s.isPlotPaused);
  const error = useApp((s) => s.measurementsError);
  const setWindow = useApp((s) => s.setPlotWindow);
  const setShowArrival = useApp((s) => s.setShowArrival);
  const setPaused = useApp((s) => s.setPlotPaused);
  const reset = useApp((s) => s.resetMeasurements);
  const exportCsv = useApp((s) => s.exportCsv);
  const lostAtMs = useApp((s) => (s.connection === 'open' ? null : s.lostAtMs));

  const buildError = useCallback(
    (ring: SampleRing, w: number) =>
      buildColumns(ring, 'outputErrorMs', w, STREAM_SLOTS, showArrival),
    [showArrival],
  );
  const onExport = async (): Promise<void> => {
    const csv = await exportCsv();
    if (csv) download(csv.csv, csv.filename);
  };

  return (
    <Panel
      title="Timing"
      className={`timing ${lostAtMs === null ? '' : 'is-stale'}`}
      testId="timing-panel"
      actions={
        <>
          <Segmented
            legend="Plot window"
            className="compact"
            options={PLOT_WINDOWS_S.map((s) => ({
              value: String(s),
              label: s < 60 ? `${s} s` : `${s / 60} min`,
              testId: `window-${s}`,
            }))}
            value={String(windowS)}
            onChange={(v) => setWindow(Number(v))}
          />
          <button
            type="button"
            aria-pressed={isPaused}
            onClick={() => setPaused(!isPaused)}
            data-testid="plot-pause"
          >
            {isPaused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            onClick={() => void reset()}
            disabled={lostAtMs !== null}
            data-testid="plot-reset"
          >
            Reset
          </button>
          <button
            type="button"
            onClick={() => void onExport()}
            disabled={lostAtMs !== null}
            data-testid="plot-csv"
          >
            Export CSV
          </button>
        </>
      }
    >
      {lostAtMs !== null && (
        <p className="stale-note" role="status" data-testid="timing-stale">
          Stale: these figures stopped at {new Date(lostAtMs).toLocaleTimeString()}, when the
          connection to the engine was lost. They resume when it is back.
        </p>
      )}
      <FieldError id="timing-error" message={error} testId="timing-error" />
      <div className="timing-body">
        <div className="charts">
          <div className="chart-head">
            <h3>Arrival lead</h3>
            <span className="muted">
              timetag − arrival: how early each tick came. Below 0 = late.
            </span>
          </div>
          <TimeSeriesChart
            label="Arrival lead of each tick over time, in milliseconds"
            height={132}
            makeOptions={leadChartOptions}
            build={buildLead}
            testId="chart-lead"
          />
          <div className="chart-head">
            <h3>Output interval error</h3>
            <span className="muted">onset interval − beat interval: what you hear as jitter.</span>
          </div>
          <TimeSeriesChart
            label="Output interval error of each tick over time, in milliseconds"
            height={132}
            makeOptions={errorChartOptions}
            build={buildError}
            testId="chart-error"
          />
          <div className="chart-legend">
            <span className="key key-band">±1 ms human onset limit</span>
            <span className="key key-line">±10 ms ensemble budget</span>
            <span className="key key-late">late tick</span>
            <label className="check">
              <input
                type="checkbox"
                checked={showArrival}
                onChange={(e) => setShowArrival(e.target.checked)}
                data-testid="show-arrival"
              />
              <span className="key key-dots">arrival jitter</span>
            </label>
          </div>
        </div>
        <div className="timing-side">
          <div className="tiles">
            <LeadNowTile />
            <SampleCountTile />
            <SummaryTiles />
          </div>
          <HistogramCanvas />
        </div>
      </div>
      <StreamTable />
      {isPaused && (
        <p className="paused-note" role="status">
          Paused: the charts hold still; ticks are still measured.
        </p>
      )}
    </Panel>
  );
}
