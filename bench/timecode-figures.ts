/**
 * The arithmetic of the timecode figures, apart from any clock or socket so it can be tested:
 * send error per frame, drift over ten minutes from a per-frame overrun, and how two records of
 * "when frame k was shown" compare.
 */

/** One frame a generator sent: which, when it was due, and when it actually went out. */
export interface FrameSend {
  frame: number;
  /** The frame's exact instant, Unix ms. */
  instantMs: number;
  /** When the send was made, Unix ms, on the same clock. */
  sentMs: number;
}

/** Ten minutes, the span the drift figures are given for. */
export const TEN_MINUTES_MS = 600_000;

/** Each frame's send error in µs: sent minus due. */
export function sendErrorsUs(sends: readonly FrameSend[]): number[] {
  return sends.map((s) => (s.sentMs - s.instantMs) * 1000);
}

/**
 * The time a generator loses per frame: the least-squares slope of its send error over the frame
 * number (for a sleep-per-frame generator, the mean oversleep plus the send's own cost). One late
 * frame at either end barely moves it, unlike a first-to-last difference.
 */
export function overrunPerFrameMs(sends: readonly FrameSend[]): number {
  const n = sends.length;
  if (n < 2) return NaN;
  let meanK = 0;
  let meanE = 0;
  for (const s of sends) {
    meanK += s.frame / n;
    meanE += (s.sentMs - s.instantMs) / n;
  }
  let sKE = 0;
  let sKK = 0;
  for (const s of sends) {
    const dk = s.frame - meanK;
    sKE += dk * (s.sentMs - s.instantMs - meanE);
    sKK += dk * dk;
  }
  return sKK === 0 ? NaN : sKE / sKK;
}

/**
 * Frames a generator that loses `overrunMs` every frame is behind after ten real minutes: it
 * sends one frame every frameMs + overrunMs, so it has counted that many fewer than the clock.
 */
export function driftFramesIn10Min(overrunMs: number, frameMs: number): number {
  return TEN_MINUTES_MS / frameMs - TEN_MINUTES_MS / (frameMs + overrunMs);
}

/**
 * |a(k) - b(k)| for every frame k both maps hold (frame -> instant shown, ms): how far apart two
 * clients showed the same frame.
 */
export function pairDifferencesMs(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
): number[] {
  const out: number[] = [];
  for (const [frame, atMs] of a) {
    const other = b.get(frame);
    if (other !== undefined) out.push(Math.abs(atMs - other));
  }
  return out;
}

/**
 * Display errors in ms: when each frame was shown minus when the master meant it to be shown
 * (its instant plus the forward offset, 0 in plain mode), for frames the master has an instant for.
 */
export function displayErrorsMs(
  shownMs: ReadonlyMap<number, number>,
  instantMs: (frame: number) => number | undefined,
  forwardMs: number,
): number[] {
  const out: number[] = [];
  for (const [frame, atMs] of shownMs) {
    const due = instantMs(frame);
    if (due !== undefined) out.push(atMs - (due + forwardMs));
  }
  return out;
}
