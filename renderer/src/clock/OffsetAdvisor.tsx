/**
 * The forward-offset advisor beside the F slider: the F the measured transport delays call for
 * (advisor.ts), the late rate it predicts against the current one, and one click to apply it.
 */
import { useMemo, useState } from 'react';
import { useApp, useServices } from '../app-context';
import { formatCount, formatMs } from '../lib/format';
import { isOffline } from '../store/slices/connection';
import { ADVISOR_MARGIN_MS, adviseForwardOffset } from './advisor';
import { advisorSamples } from './advisor-input';

const percent = (rate: number): string => {
  const p = rate * 100;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p < 0.1 ? p.toFixed(2) : p.toFixed(1)} %`;
};

/** See the file comment. */
export function OffsetAdvisor() {
  const { live, clock } = useServices();
  const held = useApp((s) => s.metronome?.settings ?? null);
  const measurements = useApp((s) => s.measurements);
  const clocks = useApp((s) => s.clocks);
  const updateSettings = useApp((s) => s.updateSettings);
  const isDown = useApp(isOffline);
  // Ticks count from when this F (and mode) took effect: anything sent earlier may still play
  // up to the larger F later, so the window opens that much after the change was seen.
  const mode = held?.mode ?? 'immediate';
  const offsetMs = held?.offsetMs ?? 0;
  const lookaheadMs = mode === 'forward' ? (held?.lookaheadMs ?? 0) : 0;
  const key = `${mode}/${offsetMs}/${lookaheadMs}`;
  const [since, setSince] = useState({ key: '', sinceMs: -Infinity, offsetMs: 0 });
  if (held && since.key !== key) {
    // Adjusting state while rendering (React's "store information from previous renders").
    setSince({
      key,
      sinceMs:
        since.key === ''
          ? -Infinity
          : clock.engineNowMs() + Math.max(since.offsetMs, offsetMs) + lookaheadMs,
      offsetMs,
    });
  }
  const sinceMs = since.sinceMs;

  const advice = useMemo(() => {
    if (mode === 'immediate') return null;
    const samples = advisorSamples(live.getState().samples, measurements, clocks, mode, sinceMs);
    const result = adviseForwardOffset({ ...samples, offsetMs, lookaheadMs });
    return result && { ...result, samples };
    // measurements change ~4 times a second as ticks are measured: the ring is read then.
  }, [live, measurements, clocks, mode, offsetMs, lookaheadMs, sinceMs]);

  if (held === null) return null;
  if (mode === 'immediate') {
    return (
      <div className="advisor" data-testid="offset-advisor">
        <p className="hint">
          F advisor: switch to offset or forward mode (plain ticks carry no timetag to measure the
          lead from).
        </p>
      </div>
    );
  }
  if (advice === null) {
    return (
      <div className="advisor" data-testid="offset-advisor">
        <p className="hint">F advisor: waiting for ticks measured at F = {offsetMs} ms…</p>
      </div>
    );
  }
  const isSame = advice.suggestedOffsetMs === offsetMs;
  return (
    <div
      className="advisor"
      data-testid="offset-advisor"
      data-suggested-ms={advice.suggestedOffsetMs}
    >
      <p>
        Suggested F <strong data-testid="advisor-suggested">{advice.suggestedOffsetMs} ms</strong> =
        p99.9 of the transport delay {formatMs(advice.delayQuantileMs)} ms + sync error ±
        {formatMs(advice.samples.syncErrorMs)} ms + {ADVISOR_MARGIN_MS} ms.
      </p>
      <p data-testid="advisor-late">
        Late under it: {percent(advice.predictedLateRate)} of the last {formatCount(advice.n)} ticks
        (now, at F = {offsetMs} ms: {percent(advice.currentLateRate)}).
        {advice.samples.hasUnmeasuredClock &&
          ' A source’s clock is not measured (it does not answer clock sync): its error is not included.'}
      </p>
      <button
        type="button"
        disabled={isDown || isSame}
        onClick={() => updateSettings({ offsetMs: advice.suggestedOffsetMs }, 'offsetMs')}
        data-testid="advisor-apply"
      >
        {isSame ? 'F is the suggested one' : `Apply F = ${advice.suggestedOffsetMs} ms`}
      </button>
    </div>
  );
}
