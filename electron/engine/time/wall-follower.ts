/**
 * Where the wall clock really is, learnt from the instants its whole-ms `Date.now()` ticks over,
 * each caught between two monotonic sub-ms readings (clock.ts probes for one every second): the
 * wall clock was below W just before and at least W just after, a bracket a microsecond wide.
 * The wall clock is then a line through every recent bracket: its rate the last one unless the
 * brackets rule it out (of the rates whose lines pass through all of them it must lie in the
 * middle fifth; the room between the brackets is concave in the rate, so that range is found by
 * searching), its phase the middle of the room at that rate. A bracket no such line shares is
 * held out (a stalled reading); a second in a row means the wall clock itself changed (a slew
 * or a small jump), and the window starts over from them. Pure.
 */

/** Options of {@link createWallFollower}. */
export interface WallFollowerOptions {
  /** Brackets older than this are forgotten, ms. */
  windowMs?: number;
  /** The largest rate difference believed (an NTP daemon slews at up to 500 ppm), ppm. */
  maxRatePpm?: number;
}

/** The wall clock (relative to the caller's base) as a line over monotonic ms. */
export interface WallLine {
  /** Wall ms at `refMono`. */
  atRef: number;
  refMono: number;
  /** Wall ms per monotonic ms. */
  rate: number;
  /** How far the line may move up or down and still pass through every bracket, ms. */
  slackMs: number;
}

/** Wall ms of `line` at monotonic `mono`. */
export function wallAt(line: WallLine, mono: number): number {
  return line.atRef + line.rate * (mono - line.refMono);
}

/** The follower. */
export interface WallFollower {
  /**
   * The wall clock ticked over to `wallMs` (relative to the caller's base) between monotonic
   * `beforeMono` and `afterMono`. Returns the refitted line.
   */
  addTick(beforeMono: number, afterMono: number, wallMs: number): WallLine;
  /** Forgets every bracket (after a step). */
  reset(): void;
  /** Brackets in the window. */
  readonly size: number;
}

/** The wall clock was below `wallMs` at `beforeMono` and at least `wallMs` at `afterMono`. */
interface Bracket {
  beforeMono: number;
  afterMono: number;
  wallMs: number;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;
/** Each bracket is widened by this: the readings' own imprecision, ms. */
const TOLERANCE_MS = 0.002;

/** The argmax of a concave function on [a, b] (golden-section search). */
function peak(f: (x: number) => number, a: number, b: number): number {
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 40; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Where the concave `f` crosses 0 between `inside` (f >= 0) and `outside` (bisection). */
function edge(f: (x: number) => number, inside: number, outside: number): number {
  if (f(outside) >= 0) return outside;
  for (let i = 0; i < 40; i++) {
    const mid = (inside + outside) / 2;
    if (f(mid) >= 0) inside = mid;
    else outside = mid;
  }
  return inside;
}

/** Creates an empty follower. */
export function createWallFollower(options: WallFollowerOptions = {}): WallFollower {
  const windowMs = options.windowMs ?? 30_000;
  const maxRate = (options.maxRatePpm ?? 1000) * 1e-6;
  let brackets: Bracket[] = [];
  let suspects: Bracket[] = [];
  let lastRate = 1;

  /** The room lines of `rate` have between the brackets (negative: none passes), and its middle. */
  const room = (rate: number, ref: number): { width: number; centre: number } => {
    let top = Infinity;
    let bottom = -Infinity;
    for (const b of brackets) {
      const high = b.wallMs + TOLERANCE_MS - rate * (b.beforeMono - ref);
      const low = b.wallMs - TOLERANCE_MS - rate * (b.afterMono - ref);
      if (high < top) top = high;
      if (low > bottom) bottom = low;
    }
    return { width: top - bottom, centre: (top + bottom) / 2 };
  };
  const widthAt = (ref: number) => (rate: number) => room(rate, ref).width;
  const newest = (): number => brackets[brackets.length - 1]!.afterMono;
  const isConsistent = (): boolean => {
    const width = widthAt(newest());
    return width(peak(width, 1 - maxRate, 1 + maxRate)) >= 0;
  };

  const fit = (): WallLine => {
    const ref = newest();
    const width = widthAt(ref);
    let best = peak(width, 1 - maxRate, 1 + maxRate);
    while (width(best) < 0 && brackets.length > 1) {
      brackets.shift(); // cannot happen after the suspect check, but never loop on bad data
      best = peak(width, 1 - maxRate, 1 + maxRate);
    }
    const low = edge(width, best, 1 - maxRate);
    const high = edge(width, best, 1 + maxRate);
    const margin = (high - low) * 0.4;
    const rate = Math.min(high - margin, Math.max(low + margin, lastRate));
    lastRate = rate;
    const r = room(rate, ref);
    return { atRef: r.centre, refMono: ref, rate, slackMs: Math.max(0, r.width / 2) };
  };

  return {
    addTick(beforeMono, afterMono, wallMs) {
      const bracket = { beforeMono, afterMono, wallMs };
      const oldest = afterMono - windowMs;
      if (brackets.length > 0 && brackets[0]!.afterMono < oldest)
        brackets = brackets.filter((b) => b.afterMono >= oldest);
      brackets.push(bracket);
      if (brackets.length > 2 && !isConsistent()) {
        brackets.pop();
        suspects.push(bracket);
        if (suspects.length >= 2) {
          brackets = suspects;
          suspects = [];
        }
      } else {
        suspects = [];
      }
      return fit();
    },
    reset() {
      brackets = [];
      suspects = [];
    },
    get size() {
      return brackets.length;
    },
  };
}
