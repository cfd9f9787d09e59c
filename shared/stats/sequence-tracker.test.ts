import { describe, expect, it } from 'vitest';
import { createSequenceTracker } from './sequence-tracker';

const run = (seqs: number[], sent?: number[]) => {
  const t = createSequenceTracker(16);
  const verdicts = seqs.map((s, i) => t.record(s, sent?.[i]));
  return { verdicts, counts: t.counts() };
};

describe('sequence tracker', () => {
  it('counts nothing lost for an unbroken sequence', () => {
    expect(run([0, 1, 2, 3]).counts).toMatchObject({ received: 4, lost: 0, reordered: 0 });
  });

  it('counts the numbers skipped by a gap as lost', () => {
    const { verdicts, counts } = run([0, 1, 4, 5]);
    expect(verdicts).toEqual(['next', 'next', 'gap', 'next']);
    expect(counts).toMatchObject({ lost: 2, reordered: 0 });
  });

  it('moves a late-arriving number from lost to reordered', () => {
    const { verdicts, counts } = run([0, 2, 1, 3]);
    expect(verdicts).toEqual(['next', 'gap', 'reordered', 'next']);
    expect(counts).toMatchObject({ lost: 0, reordered: 1, duplicates: 0 });
  });

  it('counts a number seen twice as a duplicate, not as reordered', () => {
    const { verdicts, counts } = run([0, 1, 1, 2, 0]);
    expect(verdicts).toEqual(['next', 'next', 'duplicate', 'next', 'duplicate']);
    expect(counts).toMatchObject({ lost: 0, reordered: 0, duplicates: 2 });
  });

  it('never counts numbers below the first one as lost', () => {
    expect(run([5, 3]).counts).toMatchObject({ lost: 0, reordered: 1 });
  });

  it('sees a restarted sender (number goes back but was sent later) as a new sequence', () => {
    const { verdicts, counts } = run([0, 1, 2, 0, 1], [0, 500, 1000, 5000, 5500]);
    expect(verdicts).toEqual(['next', 'next', 'next', 'restart', 'next']);
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, reordered: 0, restarts: 1 });
  });

  it('treats a jump far back as a restart even without send times', () => {
    const { verdicts } = run([1000, 0]);
    expect(verdicts).toEqual(['next', 'restart']);
  });
});
