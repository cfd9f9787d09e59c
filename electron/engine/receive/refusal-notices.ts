/**
 * Refusals in words for a log, without flooding it: the first refusal of each reason is told at
 * once, naming the sender; later ones are added up and told at most once per `everyMs` (at the
 * next refusal after that, so nothing needs a timer). The counters have the exact totals.
 */
import { RECEIVE_DROP_WORDS, type ReceiveDropReason } from '../../../shared/model/limits';
import type { UdpSource } from '../network/udp-endpoint';
import type { RefusedPacket } from './receive-path';

/** Options for {@link createRefusalNotices}. */
export interface RefusalNoticeOptions {
  nowMs: () => number;
  log: (text: string) => void;
  /** Shortest time between two lines about one reason, ms (default 5000). */
  everyMs?: number;
}

interface Tally {
  toldAtMs: number;
  messages: number;
  /** The first few senders since the last line; `more`: others too. */
  senders: UdpSource[];
  more: boolean;
}

/** Most senders named in one line; the rest are counted. */
const NAMED = 3;

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Returns the receive path's onRefused hook. */
export function createRefusalNotices(options: RefusalNoticeOptions): (r: RefusedPacket) => void {
  const everyMs = options.everyMs ?? 5000;
  const tallies = new Map<ReceiveDropReason, Tally>();
  const name = (s: UdpSource): string => `${s.address}:${s.port}`;
  // Called for every refused datagram of a flood: nothing is allocated until a line is due.
  return (r) => {
    const nowMs = options.nowMs();
    const words = RECEIVE_DROP_WORDS[r.reason];
    const tally = tallies.get(r.reason);
    if (!tally) {
      tallies.set(r.reason, { toldAtMs: nowMs, messages: 0, senders: [], more: false });
      return options.log(`refused ${plural(r.messages, 'message')} from ${name(r.from)} ${words}`);
    }
    tally.messages += r.messages;
    const known = tally.senders.some((s) => s.port === r.from.port && s.address === r.from.address);
    if (!known && tally.senders.length < NAMED) tally.senders.push(r.from);
    else if (!known) tally.more = true;
    if (nowMs - tally.toldAtMs < everyMs) return;
    const names = tally.senders.map(name).join(', ');
    const more = tally.more ? ' and others' : '';
    const seconds = ((nowMs - tally.toldAtMs) / 1000).toFixed(0);
    options.log(
      `refused ${plural(tally.messages, 'more message')} ${words} in the last ${seconds} s (from ${names}${more})`,
    );
    tally.toldAtMs = nowMs;
    tally.messages = 0;
    tally.senders = [];
    tally.more = false;
  };
}
