/**
 * Loss, reordering and duplicates from sequence numbers (beat numbers of the extended tick format).
 * A gap counts its missing numbers as lost; when a missing number turns up later it was reordered,
 * not lost, so it moves from one count to the other. Memory is bounded by a window of recent
 * numbers: older stragglers are counted as reordered without correcting the loss count.
 * A sender that restarts its numbering (stop, start) is told apart from reordering by its send
 * time: a number that goes back but was sent later than the highest one starts a new sequence.
 */

/** The counts so far. */
export interface SequenceCounts {
  /** Numbers seen (duplicates included). */
  received: number;
  /** Numbers skipped over and not (yet) seen. */
  lost: number;
  /** Numbers that arrived after a higher one. */
  reordered: number;
  /** Numbers seen before (within the window). */
  duplicates: number;
  /** Times the sequence jumped back by more than the window (a sender restarted): tracking resets. */
  restarts: number;
}

/** How one number arrived. */
export type SequenceVerdict = 'next' | 'gap' | 'reordered' | 'duplicate' | 'restart';

/** Tracks one sequence (one sender). */
export interface SequenceTracker {
  /** Records number `seq`, sent at `sentMs` on the sender's clock if known; returns how it arrived. */
  record(seq: number, sentMs?: number): SequenceVerdict;
  counts(): SequenceCounts;
  /** The highest number seen, or null before the first. */
  readonly highest: number | null;
  reset(): void;
}

/** Creates a tracker; `windowSize` recent numbers are remembered to tell duplicates from reordering. */
export function createSequenceTracker(windowSize = 1024): SequenceTracker {
  // seen[seq % windowSize] holds seq + 1 when seq was received (0 = never); no allocation per call.
  const seen = new Float64Array(windowSize);
  const counts: SequenceCounts = { received: 0, lost: 0, reordered: 0, duplicates: 0, restarts: 0 };
  let highest: number | null = null;
  let highestSentMs: number | undefined;
  // The first number of the current sequence: numbers below it were never counted as lost.
  let first = 0;

  const slot = (seq: number): number => ((seq % windowSize) + windowSize) % windowSize;
  const mark = (seq: number): void => {
    seen[slot(seq)] = seq + 1;
  };
  const begin = (seq: number, sentMs: number | undefined): void => {
    seen.fill(0);
    highest = seq;
    highestSentMs = sentMs;
    first = seq;
    mark(seq);
  };

  return {
    record(seq, sentMs) {
      counts.received++;
      if (highest === null) {
        begin(seq, sentMs);
        return 'next';
      }
      if (seq > highest) {
        const gap = seq - highest - 1;
        counts.lost += gap;
        highest = seq;
        highestSentMs = sentMs;
        mark(seq);
        return gap === 0 ? 'next' : 'gap';
      }
      const isSentLater =
        sentMs !== undefined && highestSentMs !== undefined && sentMs > highestSentMs;
      if (isSentLater || highest - seq > 4 * windowSize) {
        counts.restarts++;
        begin(seq, sentMs);
        return 'restart';
      }
      if (seq <= highest - windowSize) {
        counts.reordered++; // too old to know whether we saw it: count it, keep the loss count
        return 'reordered';
      }
      if (seen[slot(seq)] === seq + 1) {
        counts.duplicates++;
        return 'duplicate';
      }
      mark(seq);
      counts.reordered++;
      if (seq > first) counts.lost--;
      return 'reordered';
    },
    counts: () => ({ ...counts }),
    get highest() {
      return highest;
    },
    reset() {
      seen.fill(0);
      highest = null;
      highestSentMs = undefined;
      first = 0;
      for (const k of Object.keys(counts) as Array<keyof SequenceCounts>) counts[k] = 0;
    },
  };
}
