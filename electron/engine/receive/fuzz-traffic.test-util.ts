/**
 * The good traffic of the receive-path fuzz tests: sequenced timed bundles, and a ledger that
 * checks each of their messages is dispatched intact, exactly once, never before its timetag and
 * in timetag order, while hostile datagrams come in between. Also tallies what the decoder
 * refuses (the oracle the path's malformed counts and reasons are held to).
 */
import {
  decodePacket,
  encodeMessage,
  encodePacket,
  OscDecodeError,
  type OscMessage,
  type OscPacket,
} from '../../../shared/osc';
import { sameBytes } from '../../../shared/osc/fuzz-check.test-util';
import { ntpAddMs, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { UdpSource } from '../network/udp-endpoint';
import type { DispatchedMessage } from './receive-path';

/** Addresses of the good messages: nothing the mutator makes starts with these. */
export const VALID_ADDRESS = '/fuzz/valid';

/** One good bundle and its messages, as they must come out. */
export interface ValidBundle {
  seq: number;
  bytes: Uint8Array;
  messages: Array<{ key: string; bytes: Uint8Array; timetag: NtpTime }>;
}

/**
 * Good bundle `seq`, due `leadMs` after `nowNtp` (plus `seq` units, so no two share a timetag);
 * every third one nests a second bundle 1 ms later. Every atom the good traffic carries
 * (sequence number, string, blob, double, timetag) is checked on the way out.
 */
export function validBundle(seq: number, nowNtp: NtpTime, leadMs: number): ValidBundle {
  const timetag = ntpAddMs(nowNtp, leadMs) + BigInt(seq);
  const main: OscMessage = {
    kind: 'message',
    address: VALID_ADDRESS,
    args: [
      { type: 'i', value: seq },
      { type: 's', value: `valid ${seq} ♪` },
      { type: 'b', value: Uint8Array.from({ length: seq % 7 }, (_, k) => (seq + k) & 0xff) },
      { type: 'd', value: seq / 3 },
      { type: 't', value: timetag },
    ],
  };
  const messages = [{ key: `m${seq}`, bytes: encodeMessage(main.address, main.args), timetag }];
  const elements: OscPacket[] = [main];
  if (seq % 3 === 0) {
    const inner: OscMessage = {
      kind: 'message',
      address: `${VALID_ADDRESS}/nested`,
      args: [{ type: 'i', value: seq }],
    };
    const innerTag = ntpAddMs(timetag, 1);
    elements.push({ kind: 'bundle', timetag: innerTag, elements: [inner] });
    messages.push({
      key: `n${seq}`,
      bytes: encodeMessage(inner.address, inner.args),
      timetag: innerTag,
    });
  }
  return { seq, bytes: encodePacket({ kind: 'bundle', timetag, elements }), messages };
}

/** Checks every good message as it is dispatched; see the file comment. */
export interface ValidLedger {
  /** Registers a bundle that was (or will be) handed to the receive path. */
  expect(bundle: ValidBundle): void;
  /** The receive path's onDispatch for good messages; `nowMs` is the clock at that moment. */
  onDispatch(d: DispatchedMessage, nowMs: number): void;
  /** What went wrong so far (capped), including messages never dispatched. */
  problems(): string[];
  readonly dispatched: number;
  readonly expected: number;
}

/** Creates a ledger; `isOrderChecked(d)` says which dispatches must keep timetag order. */
export function createValidLedger(
  isOrderChecked: (d: DispatchedMessage) => boolean = () => true,
): ValidLedger {
  const pending = new Map<string, { bytes: Uint8Array; timetag: NtpTime; count: number }>();
  const problems: string[] = [];
  let lastTimetag = -1n;
  let dispatched = 0;
  const problem = (what: string): void => {
    if (problems.length < 20) problems.push(what);
  };
  return {
    expect(bundle) {
      for (const m of bundle.messages) pending.set(m.key, { ...m, count: 0 });
    },
    onDispatch(d, nowMs) {
      const seq = d.message.args[0];
      const key = `${d.message.address.endsWith('/nested') ? 'n' : 'm'}${seq?.type === 'i' ? seq.value : '?'}`;
      const entry = pending.get(key);
      if (!entry) return problem(`unexpected good message ${key}`);
      dispatched++;
      if (++entry.count > 1) problem(`${key} dispatched ${entry.count} times`);
      if (!sameBytes(encodeMessage(d.message.address, d.message.args), entry.bytes)) {
        problem(`${key} altered on the way`);
      }
      if (d.timetag !== entry.timetag) problem(`${key} timetag ${d.timetag} for ${entry.timetag}`);
      const dueMs = ntpToUnixMs(entry.timetag);
      if (nowMs < dueMs) problem(`${key} dispatched ${dueMs - nowMs} ms early`);
      if (isOrderChecked(d)) {
        // Ties may go either way; an earlier timetag after a later one may not.
        if (entry.timetag < lastTimetag) problem(`${key} dispatched out of timetag order`);
        lastTimetag = entry.timetag;
      }
    },
    problems() {
      const missing = [...pending].filter(([, e]) => e.count === 0).map(([k]) => k);
      const out = [...problems];
      if (missing.length > 0)
        out.push(`${missing.length} never dispatched: ${missing.slice(0, 10)}`);
      return out;
    },
    get dispatched() {
      return dispatched;
    },
    get expected() {
      return pending.size;
    },
  };
}

/** The decoder's verdicts on what a hostile sender sent: refusals by code. */
export interface RefusalTally {
  /** Decodes `bytes` once; returns true when it is refused. */
  add(bytes: Uint8Array): boolean;
  readonly refused: number;
  readonly byCode: Map<string, number>;
}

/** Creates an empty tally. */
export function createRefusalTally(): RefusalTally {
  const byCode = new Map<string, number>();
  let refused = 0;
  return {
    add(bytes) {
      try {
        decodePacket(bytes);
        return false;
      } catch (error) {
        const code = error instanceof OscDecodeError ? error.code : `not an OscDecodeError`;
        byCode.set(code, (byCode.get(code) ?? 0) + 1);
        refused++;
        return true;
      }
    },
    get refused() {
      return refused;
    },
    byCode,
  };
}

/** The limits that refuse a datagram whole, before it is decoded (the others refuse messages). */
const UNDECODED_REASONS = new Set(['capDropped', 'budgetDropped', 'backlogDropped']);

/** What the receive path's limits refused, told apart per datagram and per sender. */
export interface RefusalWatch {
  /** The receive path's onRefused. */
  onRefused(r: { from: UdpSource; reason: string; messages: number }): void;
  /** Starts watching the next datagram handed to the path. */
  begin(): void;
  /** The datagram since `begin` was refused whole, undecoded: the decoder never saw it. */
  readonly isUndecoded: boolean;
  /** Messages refused, by reason. */
  readonly byReason: Map<string, number>;
  /** Refusals of the sender that must never be refused, as "reason x messages". */
  readonly protectedRefusals: string[];
}

/** Creates a watch; `isProtected(from)` names the sender whose traffic must all get through. */
export function createRefusalWatch(isProtected: (from: UdpSource) => boolean): RefusalWatch {
  const byReason = new Map<string, number>();
  const protectedRefusals: string[] = [];
  let isUndecoded = false;
  return {
    onRefused({ from, reason, messages }) {
      byReason.set(reason, (byReason.get(reason) ?? 0) + messages);
      if (UNDECODED_REASONS.has(reason)) isUndecoded = true;
      if (isProtected(from) && protectedRefusals.length < 20) {
        protectedRefusals.push(`${reason} x ${messages}`);
      }
    },
    begin() {
      isUndecoded = false;
    },
    get isUndecoded() {
      return isUndecoded;
    },
    byReason,
    protectedRefusals,
  };
}

/** A histogram as sorted "code n" pairs, for equality checks and the log line. */
export function histogram(counts: Map<string, number>): string[] {
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => `${code} ${n}`);
}
