/**
 * Per-sender budgets, so that one sender cannot take the receiver from the others: each sender
 * (address and port) has two token buckets, messages and bytes, refilled at a steady rate up to
 * a burst, and a count of its messages waiting in the scheduler. The table is bounded: a sender
 * whose buckets have refilled and who has nothing waiting is in the same state as one never seen,
 * so it is forgotten to make room; when every tracked sender is busy, newcomers share one
 * overflow account. Time is the arrival stamp passed in (virtual in tests).
 * Thread: the receive path's; allocates one account per new sender.
 */
import type { UdpSource } from '../network/udp-endpoint';

/** Options for {@link createSenderBudgets} (RECEIVE_LIMITS holds the engine's). */
export interface SenderBudgetOptions {
  messagesPerS: number;
  messageBurst: number;
  bytesPerS: number;
  byteBurst: number;
  /** Senders tracked at once; beyond, newcomers share the overflow account. */
  maxSenders: number;
}

/** One sender's budget and what it has waiting. */
export interface SenderAccount {
  /** "address:port", or "overflow" for the shared account. */
  readonly key: string;
  messageTokens: number;
  byteTokens: number;
  lastMs: number;
  /** Its future messages waiting in the scheduler (kept by the receive path). */
  scheduled: number;
  /** Its datagrams waiting in the receive backlog (kept by the backlog). */
  backlogged: number;
  /**
   * Its datagrams since `startMs`, how many were refused, and how long it was last shed for (0:
   * its last window was calm), kept by the receive path.
   */
  lately: { startMs: number; seen: number; refused: number; shedMs: number };
}

/** The table of accounts. */
export interface SenderBudgets {
  /** The sender's account, opened with a full budget on first sight. */
  account(from: UdpSource, nowMs: number): SenderAccount;
  /** Spends `messages` and `bytes` at `nowMs`; false (nothing spent) when either is short. */
  spend(account: SenderAccount, messages: number, bytes: number, nowMs: number): boolean;
  /** Accounts tracked, the overflow account not included. */
  readonly size: number;
}

/** How many of the oldest accounts a newcomer looks at for one to forget. */
const EVICTION_PROBES = 4;

/** Creates an empty table. */
export function createSenderBudgets(options: SenderBudgetOptions): SenderBudgets {
  const accounts = new Map<string, SenderAccount>();
  const open = (key: string, nowMs: number): SenderAccount => ({
    key,
    messageTokens: options.messageBurst,
    byteTokens: options.byteBurst,
    lastMs: nowMs,
    scheduled: 0,
    backlogged: 0,
    lately: { startMs: nowMs, seen: 0, refused: 0, shedMs: 0 },
  });
  let overflow: SenderAccount | null = null;

  const refill = (a: SenderAccount, nowMs: number): void => {
    const elapsedMs = nowMs - a.lastMs;
    if (elapsedMs <= 0) return; // same instant, or a clock that stepped back: nothing earned
    a.lastMs = nowMs;
    a.messageTokens = Math.min(
      options.messageBurst,
      a.messageTokens + (elapsedMs * options.messagesPerS) / 1000,
    );
    a.byteTokens = Math.min(
      options.byteBurst,
      a.byteTokens + (elapsedMs * options.bytesPerS) / 1000,
    );
  };

  const isForgettable = (a: SenderAccount, nowMs: number): boolean => {
    refill(a, nowMs);
    return (
      a.scheduled === 0 &&
      a.backlogged === 0 &&
      a.messageTokens >= options.messageBurst &&
      a.byteTokens >= options.byteBurst
    );
  };

  /** Frees a slot by forgetting an old idle account; busy ones go to the back (second chance). */
  const makeRoom = (nowMs: number): boolean => {
    for (let i = 0; i < EVICTION_PROBES; i++) {
      const oldest = accounts.values().next().value;
      if (oldest === undefined) return true;
      accounts.delete(oldest.key);
      if (isForgettable(oldest, nowMs)) return true;
      accounts.set(oldest.key, oldest);
    }
    return false;
  };

  // The last sender asked for: a flood from one sender finds its account without a lookup.
  let last: { address: string; port: number; account: SenderAccount } | null = null;

  return {
    account(from, nowMs) {
      if (last && last.port === from.port && last.address === from.address) {
        if (accounts.get(last.account.key) === last.account) return last.account; // not forgotten
      }
      const key = `${from.address}:${from.port}`;
      const known = accounts.get(key);
      if (known) {
        last = { address: from.address, port: from.port, account: known };
        return known;
      }
      if (accounts.size < options.maxSenders || makeRoom(nowMs)) {
        const a = open(key, nowMs);
        accounts.set(key, a);
        last = { address: from.address, port: from.port, account: a };
        return a;
      }
      overflow ??= open('overflow', nowMs);
      return overflow;
    },
    spend(a, messages, bytes, nowMs) {
      refill(a, nowMs);
      if (a.messageTokens < messages || a.byteTokens < bytes) return false;
      a.messageTokens -= messages;
      a.byteTokens -= bytes;
      return true;
    },
    get size() {
      return accounts.size;
    },
  };
}
