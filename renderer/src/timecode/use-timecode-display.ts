/**
 * Drives the timecode display from the shared frame loop, never through React state: each
 * animation frame takes the frames whose instant has come (page clock: `performance.timeOrigin`
 * + the frame's `performance.now()` time, the engine's clock when both run on this computer),
 * counts on between them, and writes the labels straight into the display's elements. A jump
 * over labels drop-frame skips is flashed and named.
 */
import { useEffect, type RefObject } from 'react';
import { settingsTimebase } from '../../../shared/ipc/domains/timecode';
import { formatFrame, parseFrame, wrapFrame, type Timebase } from '../../../shared/timecode';
import { useServices } from '../app-context';
import type { FrameTask } from '../plot/frame-loop';
import { skipNotice } from './counting-rule';
import { createFrameFollower, skippedBetween, type ShownFrame } from './frame-follower';

/** The elements the loop writes into. */
export interface DisplayRefs {
  main: RefObject<HTMLElement | null>;
  master: RefObject<HTMLElement | null>;
  heard: RefObject<HTMLElement | null>;
  skip: RefObject<HTMLElement | null>;
}

/** The page's clock at an animation frame's time, as Unix ms (the engine's unit). */
export const unixMsAt = (frameNowMs: number): number => performance.timeOrigin + frameNowMs;

const BLANK = '--:--:--:--';

/** A received frame leads the display this long (three 25 fps frames); after it, the estimate. */
const HEARD_LEADS_MS = 120;

/**
 * The client's display follows what it hears: the newest received frame from its instant on
 * (the arrival when plain, so the network's jitter shows; the timetag when forward-synchronized,
 * so it is steady), counted on between frames; when nothing was heard for a while the client's
 * own estimate (freewheel) carries on.
 */
function heardShown(
  heard: { atMs: number; label: string } | undefined,
  nowMs: number,
  tb: Timebase,
  dropFrameSeparator: boolean,
): { frame: number; label: string } | null {
  if (!heard || nowMs - heard.atMs > HEARD_LEADS_MS) return null;
  let frame: number;
  try {
    frame = parseFrame(tb, heard.label);
  } catch {
    return null; // a label this rate cannot show: the estimate speaks instead
  }
  const ahead = Math.floor(((nowMs - heard.atMs) * tb.rate.num) / (1000 * tb.rate.den));
  const shown = wrapFrame(tb, frame + Math.max(0, ahead));
  return { frame: shown, label: formatFrame(tb, shown, { dropFrameSeparator }) };
}

const write = (el: HTMLElement | null, text: string): void => {
  if (el && el.textContent !== text) el.textContent = text;
};

/** Runs the display task while mounted. */
export function useTimecodeDisplay(refs: DisplayRefs): void {
  const { store, frames } = useServices();

  useEffect(() => {
    const live = store.getState().timecodeLive;
    const master = createFrameFollower();
    const client = createFrameFollower();
    let tb: Timebase | null = null;
    let tbKey = '';
    let lastMain: Pick<ShownFrame, 'frame'> | null = null;

    const task: FrameTask = (frameNowMs) => {
      const nowMs = unixMsAt(frameNowMs);
      const s = store.getState();
      const settings = s.timecodeSettings;
      const key = `${settings.rate}/${settings.dropFrame}`;
      if (key !== tbKey) {
        tbKey = key;
        tb = settingsTimebase(settings);
        master.reset();
        client.reset();
        lastMain = null;
      }
      const rings = live.getState().frames;
      const isMasterWaiting = master.take(rings.master, nowMs);
      const isWaiting = client.take(rings.client, nowMs) || isMasterWaiting;
      const isMasterRunning = s.timecode?.master.state === 'running';
      const clientState = s.timecode?.client.state ?? 'stopped';
      const isClientCounting = clientState === 'locked' || clientState === 'freewheel';
      const role = settings.role;
      if (tb === null || role === 'off') {
        write(refs.main.current, BLANK);
        return false;
      }
      const sep = settings.dropFrameSeparator;
      const m = master.shownAt(nowMs, tb, isMasterRunning, sep);
      const c = client.shownAt(nowMs, tb, isClientCounting, sep);
      const recent = live.getState().heard.newest(8);
      const heard = recent.find((h) => h.atMs <= nowMs);
      // A heard frame still to come, or one being counted on, keeps the loop running.
      const isHeardLive = recent.length > 0 && recent[0]!.atMs + HEARD_LEADS_MS > nowMs;
      const main = role === 'master' ? m : (heardShown(heard, nowMs, tb, sep) ?? c);
      write(refs.main.current, main?.label ?? BLANK);
      write(refs.master.current, m?.label ?? BLANK);
      write(refs.heard.current, heard?.label ?? BLANK);

      if (main && lastMain && main.frame !== lastMain.frame) {
        const skipped = skippedBetween(tb, lastMain.frame, main.frame);
        const el = refs.skip.current;
        if (skipped.length > 0 && el) {
          el.textContent = skipNotice(skipped);
          el.getAnimations?.().forEach((a) => a.cancel());
          el.animate?.([{ opacity: 1 }, { opacity: 1, offset: 0.7 }, { opacity: 0 }], {
            duration: 2500,
            fill: 'forwards',
          });
          el.dataset.skips = String(Number(el.dataset.skips ?? 0) + 1);
        }
      }
      lastMain = main;
      return isWaiting || isHeardLive || isMasterRunning || clientState !== 'stopped';
    };

    const offLive = live.subscribe((now, prev) => {
      if (now.frameVersion !== prev.frameVersion || now.heardVersion !== prev.heardVersion) {
        frames.schedule(task);
      }
    });
    const offStore = store.subscribe((now, prev) => {
      if (now.timecode !== prev.timecode || now.timecodeSettings !== prev.timecodeSettings) {
        frames.schedule(task);
      }
    });
    frames.schedule(task);
    return () => {
      offLive();
      offStore();
      frames.cancel(task);
    };
  }, [store, frames, refs]);
}
