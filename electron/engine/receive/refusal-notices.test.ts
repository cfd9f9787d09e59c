import { describe, expect, it } from 'vitest';
import { createRefusalNotices } from './refusal-notices';

const from = (port: number) => ({ address: '198.51.100.66', port });

describe('refusal notices for the log', () => {
  it('tells the first refusal of a reason at once, with the sender, in words', () => {
    const lines: string[] = [];
    const notice = createRefusalNotices({ nowMs: () => 0, log: (t) => lines.push(t) });
    notice({ from: from(4000), arrivalMs: 0, reason: 'capDropped', messages: 4093 });
    expect(lines).toEqual([
      'refused 4,093 messages from 198.51.100.66:4000 in datagrams of more than 128 messages (refused whole)',
    ]);
  });

  it('adds up later refusals and tells them at most once per interval, naming a few senders', () => {
    let nowMs = 0;
    const lines: string[] = [];
    const notice = createRefusalNotices({
      nowMs: () => nowMs,
      log: (t) => lines.push(t),
      everyMs: 5000,
    });
    notice({ from: from(1), arrivalMs: 0, reason: 'budgetDropped', messages: 1 });
    for (let i = 0; i < 1000; i++) {
      nowMs = i * 4;
      notice({ from: from(i % 6), arrivalMs: nowMs, reason: 'budgetDropped', messages: 2 });
    }
    expect(lines).toHaveLength(1); // 4 s: nothing more yet
    nowMs = 5000;
    notice({ from: from(9), arrivalMs: nowMs, reason: 'budgetDropped', messages: 2 });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^refused 2,002 more messages from a sender over its budget .* in the last 5 s \(from 198\.51\.100\.66:0, 198\.51\.100\.66:1, 198\.51\.100\.66:2 and others\)$/,
    );
  });

  it('keeps each reason apart', () => {
    const lines: string[] = [];
    const notice = createRefusalNotices({ nowMs: () => 0, log: (t) => lines.push(t) });
    notice({ from: from(1), arrivalMs: 0, reason: 'senderQueueFull', messages: 1 });
    notice({ from: from(1), arrivalMs: 0, reason: 'queueFull', messages: 1 });
    expect(lines).toHaveLength(2);
  });
});
