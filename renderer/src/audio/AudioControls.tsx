/**
 * The audio panel: enable audio (the user gesture browsers require), volume, mute, latency hint,
 * output-latency compensation, late policy, pan, and live counters. It subscribes to the engine's
 * `stream:ticks` itself and hands every tick to the page's one audio output.
 */
import { useEffect, useState, useSyncExternalStore, type ReactElement } from 'react';
import type { Bridge } from '../bridge';
import type { EngineClock } from '../clock/engine-clock';
import type { AudioOutput } from './audio-output';
import { readUrlOptions, type LatencyHint, type Pan } from './audio-settings';
import { exposeStats, type AudioStats } from './audio-stats';
import { createBrowserAudioOutput } from './browser-audio';
import type { LatePolicy } from './tick-plan';

const ms = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(digits)} ms`;

function statusText(s: AudioStats): string {
  switch (s.status) {
    case 'off':
      return 'off';
    case 'starting':
      return 'starting… (click Enable audio if it stays here)';
    case 'running':
      return s.mapping?.isSettled
        ? `on, ${s.sampleRate ?? '?'} Hz`
        : `on, ${s.sampleRate ?? '?'} Hz, clock settling…`;
    case 'error':
      return `error: ${s.error ?? 'unknown'}`;
  }
}

/** The audio panel. `output` is for tests; the page creates its own on `clock`. */
export function AudioControls({
  bridge,
  clock,
  output: given,
}: {
  bridge: Bridge;
  clock?: EngineClock;
  output?: AudioOutput;
}): ReactElement {
  const [output] = useState(() => given ?? createBrowserAudioOutput(clock));
  const stats = useSyncExternalStore(output.subscribe, output.snapshot);
  const settings = output.settings;

  useEffect(() => {
    const off = bridge.onStream('stream:ticks', (frame) => output.play(frame.items, frame.dropped));
    const unexpose = exposeStats(window, output.stats);
    if (readUrlOptions(window.location.search).isAutostart) void output.enable();
    return () => {
      off();
      unexpose();
      if (!given) output.dispose();
    };
  }, [bridge, output, given]);

  const isOn = stats.status !== 'off' && stats.status !== 'error';
  const lateWithCompensation = stats.isCompensated && stats.late > 0;
  return (
    <section
      className="audio-controls"
      aria-labelledby="audio-heading"
      data-testid="audio-controls"
    >
      <h2 id="audio-heading">Audio</h2>
      <p>
        <button
          type="button"
          data-testid="audio-enable"
          aria-pressed={isOn}
          onClick={() =>
            void (isOn && stats.status === 'running' ? output.disable() : output.enable())
          }
        >
          {isOn && stats.status === 'running' ? 'Disable audio' : 'Enable audio'}
        </button>{' '}
        <output data-testid="audio-status">{statusText(stats)}</output>
      </p>
      <p>
        <label>
          Volume{' '}
          <input
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={settings.volume}
            data-testid="audio-volume"
            onChange={(e) => output.update({ volume: Number(e.currentTarget.value) })}
          />
        </label>{' '}
        <label>
          <input
            type="checkbox"
            checked={settings.isMuted}
            data-testid="audio-mute"
            onChange={(e) => output.update({ isMuted: e.currentTarget.checked })}
          />{' '}
          Mute
        </label>
      </p>
      <p>
        <label>
          Latency{' '}
          <select
            value={settings.latencyHint}
            data-testid="audio-latency-hint"
            onChange={(e) => output.update({ latencyHint: e.currentTarget.value as LatencyHint })}
          >
            <option value="playback">playback (steady under load)</option>
            <option value="interactive">interactive (lower latency)</option>
          </select>
        </label>{' '}
        <label title="The click leaves the speaker at the tick's time; needs a forward offset larger than the output latency.">
          <input
            type="checkbox"
            checked={settings.isCompensated}
            data-testid="audio-compensate"
            onChange={(e) => output.update({ isCompensated: e.currentTarget.checked })}
          />{' '}
          Compensate output latency
        </label>
      </p>
      <p>
        <label>
          Late ticks{' '}
          <select
            value={settings.latePolicy}
            data-testid="audio-late-policy"
            onChange={(e) => output.update({ latePolicy: e.currentTarget.value as LatePolicy })}
          >
            <option value="play">play at once</option>
            <option value="drop">drop</option>
          </select>
        </label>{' '}
        <label>
          Pan{' '}
          <select
            value={settings.pan}
            data-testid="audio-pan"
            onChange={(e) => output.update({ pan: e.currentTarget.value as Pan })}
          >
            <option value="left">left</option>
            <option value="center">center</option>
            <option value="right">right</option>
          </select>
        </label>
      </p>
      {/* One group per figure, so a name never wraps apart from its value. */}
      <dl className="audio-stats" data-testid="audio-stats">
        <div>
          <dt>played</dt>
          <dd data-testid="audio-played">{stats.played}</dd>
        </div>
        <div>
          <dt>late</dt>
          <dd data-testid="audio-late">{stats.late}</dd>
        </div>
        <div>
          <dt>dropped</dt>
          <dd data-testid="audio-dropped">{stats.dropped}</dd>
        </div>
        {stats.beforeClock > 0 && (
          <div title="Ticks that came while the audio clock was still being mapped, just after enabling">
            <dt>before clock</dt>
            <dd data-testid="audio-before-clock">{stats.beforeClock}</dd>
          </div>
        )}
        <div>
          <dt>output latency</dt>
          <dd data-testid="audio-latency">{ms(stats.latencyMs)}</dd>
        </div>
        <div>
          <dt>clock fit sd</dt>
          <dd data-testid="audio-fit-sd">{ms(stats.mapping?.residualSdMs, 3)}</dd>
        </div>
      </dl>
      {lateWithCompensation && (
        <p role="status" data-testid="audio-late-hint">
          Ticks arrive too late to be compensated: raise the forward offset above{' '}
          {ms(stats.latencyMs, 0)} or turn compensation off.
        </p>
      )}
    </section>
  );
}
