/**
 * What `syncroscope listen` says when it stops: the messages it handled, what it refused and why
 * (the receive limits), and what the OS dropped before it could read (where the OS tells); as
 * lines of words, or as one JSON object with --json.
 */
import { RECEIVE_DROP_REASONS, RECEIVE_DROP_WORDS } from '../../shared/model/limits';
import type { ReceiveCounters } from '../engine/receive/receive-path';

/** Everything the summary reports. */
export interface ListenTotals {
  counters: ReceiveCounters;
  /** Datagrams the OS dropped on the socket; null where the OS does not report it. */
  kernelDropped: number | null;
  /** The receive buffer the OS granted, bytes (null: unknown). */
  receiveBufferBytes: number | null;
}

const n = (v: number): string => v.toLocaleString('en-US');

/** The summary as lines for stderr (text mode). */
export function summaryLines(t: ListenTotals): string[] {
  const c = t.counters;
  const lines = [
    `${c.messages} messages (${c.immediate} immediate, ${c.future} future, ${c.late} late), ${c.malformed} malformed`,
  ];
  const refused = RECEIVE_DROP_REASONS.filter((r) => c[r] > 0);
  if (refused.length > 0) {
    const total = refused.reduce((sum, r) => sum + c[r], 0);
    lines.push(
      `refused ${n(total)} messages: ${refused.map((r) => `${n(c[r])} ${RECEIVE_DROP_WORDS[r]}`).join('; ')}`,
    );
  }
  const buffer =
    t.receiveBufferBytes === null ? '' : ` (receive buffer ${n(t.receiveBufferBytes)} bytes)`;
  lines.push(
    t.kernelDropped === null
      ? `this OS does not report datagrams it dropped before they were read${buffer}`
      : `the OS dropped ${n(t.kernelDropped)} datagrams before they could be read${buffer}`,
  );
  return lines;
}

/** The summary as one JSON object (--json), keys in the style of the message lines. */
export function summaryJson(t: ListenTotals): string {
  const c = t.counters;
  return JSON.stringify({
    summary: true,
    packets: c.packets,
    messages: c.messages,
    immediate: c.immediate,
    future: c.future,
    late: c.late,
    late_dropped: c.lateDropped,
    malformed: c.malformed,
    handler_errors: c.handlerErrors,
    refused: {
      cap: c.capDropped,
      budget: c.budgetDropped,
      sender_queue_full: c.senderQueueFull,
      queue_full: c.queueFull,
      backlog: c.backlogDropped,
    },
    kernel_dropped: t.kernelDropped,
    receive_buffer_bytes: t.receiveBufferBytes,
  });
}
