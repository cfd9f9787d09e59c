/**
 * The beat: which beat of the bar was sent last (accent marked), and a lamp that flashes when a
 * tick plays on this computer (at its timetag, from the ticks announced ahead of time). In
 * offset and forward modes the flash comes F after the send: the two lamps show the offset.
 */
import { useEffect, useRef } from 'react';
import { useApp, useServices } from '../app-context';
import type { FrameTask } from '../plot/frame-loop';

/** See the file comment. */
export function BeatIndicator() {
  const lastBeat = useApp((s) => s.metronome?.lastBeat ?? null);
  const accentEvery = useApp((s) => s.settings.accentEvery);
  const isRunning = useApp((s) => s.metronome?.isRunning ?? false);
  const { live, frames, clock } = useServices();
  const playedRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let shownMs = -Infinity;
    const task: FrameTask = () => {
      const now = clock.engineNowMs(); // the beats' play times are the engine's
      let isWaiting = false;
      let due: { playMs: number; accent: boolean } | null = null;
      for (const beat of live.getState().upcoming.newest(16)) {
        if (beat.playMs > now) isWaiting = true;
        else if (beat.playMs > shownMs && (!due || beat.playMs > due.playMs)) due = beat;
      }
      const lamp = playedRef.current;
      if (due && lamp) {
        shownMs = due.playMs;
        lamp.classList.toggle('is-accent', due.accent);
        lamp.getAnimations?.().forEach((a) => a.cancel());
        lamp.animate?.([{ opacity: 1 }, { opacity: 0.18 }], { duration: 220, easing: 'ease-out' });
      }
      return isWaiting;
    };
    const off = live.subscribe((s, prev) => {
      if (s.tickVersion !== prev.tickVersion) frames.schedule(task);
    });
    return () => {
      off();
      frames.cancel(task);
    };
  }, [live, frames, clock]);

  const lamps = accentEvery >= 2 && accentEvery <= 8 ? accentEvery : 4;
  const position = lastBeat ? lastBeat.n % lamps : -1;
  return (
    <div className="beat" data-testid="beat-indicator">
      <div className="beat-lamps" aria-hidden="true">
        {Array.from({ length: lamps }, (_, i) => (
          <span
            key={i}
            className={`lamp ${i === position && isRunning ? 'is-on' : ''} ${
              i === position && lastBeat?.accent ? 'is-accent' : ''
            }`}
          />
        ))}
      </div>
      <div className="beat-text">
        <span className="beat-label">Sent</span>
        <output className="beat-number" data-testid="beat-number">
          {lastBeat ? lastBeat.n : '–'}
        </output>
        {lastBeat?.accent && <span className="beat-accent">accent</span>}
      </div>
      <div className="beat-played">
        <span className="lamp lamp-played" ref={playedRef} aria-hidden="true" />
        <span className="beat-label">Played here</span>
      </div>
    </div>
  );
}
