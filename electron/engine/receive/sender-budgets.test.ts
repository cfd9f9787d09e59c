import { describe, expect, it } from 'vitest';
import { createSenderBudgets, type SenderBudgetOptions } from './sender-budgets';

const options: SenderBudgetOptions = {
  messagesPerS: 1000,
  messageBurst: 100,
  bytesPerS: 100_000,
  byteBurst: 10_000,
  maxSenders: 4,
};
const sender = (port: number) => ({ address: '192.0.2.7', port });

describe('per-sender budgets', () => {
  it('lets a sender spend its burst at once, then refuses until the rate has refilled it', () => {
    const budgets = createSenderBudgets(options);
    const a = budgets.account(sender(1), 0);
    expect(budgets.spend(a, 100, 100, 0)).toBe(true);
    expect(budgets.spend(a, 1, 10, 0)).toBe(false);
    expect(budgets.spend(a, 10, 10, 9)).toBe(false); // 9 ms earn 9 messages
    expect(budgets.spend(a, 10, 10, 10)).toBe(true);
    expect(budgets.spend(a, 100, 10, 10_000)).toBe(true); // refilled, but never beyond the burst
    expect(budgets.spend(a, 1, 10, 10_000)).toBe(false);
  });

  it('refuses by bytes as well as by messages, and spends nothing when refused', () => {
    const budgets = createSenderBudgets(options);
    const a = budgets.account(sender(1), 0);
    expect(budgets.spend(a, 1, 10_001, 0)).toBe(false);
    expect(budgets.spend(a, 1, 10_000, 0)).toBe(true);
    expect(a.messageTokens).toBe(99);
  });

  it('keeps each sender’s budget apart', () => {
    const budgets = createSenderBudgets(options);
    const a = budgets.account(sender(1), 0);
    expect(budgets.spend(a, 100, 1, 0)).toBe(true);
    const b = budgets.account(sender(2), 0);
    expect(budgets.spend(b, 100, 1, 0)).toBe(true);
    expect(budgets.account(sender(1), 0)).toBe(a);
  });

  it('forgets a sender whose budget has refilled to make room, and puts newcomers in one shared account while all are busy', () => {
    const budgets = createSenderBudgets(options);
    const busy = [1, 2, 3, 4].map((p) => budgets.account(sender(p), 0));
    for (const a of busy) budgets.spend(a, 50, 1, 0);
    const n1 = budgets.account(sender(5), 1);
    const n2 = budgets.account(sender(6), 1);
    expect(n1.key).toBe('overflow');
    expect(n2).toBe(n1);
    expect(budgets.size).toBe(4);
    // 50 ms later sender 1..4 are full again: a newcomer takes the oldest one's place.
    const later = budgets.account(sender(7), 60);
    expect(later.key).toBe('192.0.2.7:7');
    expect(budgets.size).toBe(4);
    expect(budgets.account(sender(1), 60)).not.toBe(busy[0]); // forgotten: a fresh account
  });

  it('never forgets a sender that has messages waiting, whatever its budget', () => {
    const budgets = createSenderBudgets(options);
    const waiting = [1, 2, 3, 4].map((p) => budgets.account(sender(p), 0));
    for (const a of waiting) a.scheduled = 1;
    expect(budgets.account(sender(5), 10_000).key).toBe('overflow');
    for (const [i, a] of waiting.entries()) expect(budgets.account(sender(i + 1), 10_000)).toBe(a);
  });
});
