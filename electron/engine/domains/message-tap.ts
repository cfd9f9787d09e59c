/**
 * stream:messages: every received message on arrival, ticks included, routed or not, for the
 * log/inspector. The receiver feeds it beside the router, so each datagram is decoded once.
 */
import type { MessageItem } from '../../../shared/ipc';
import { timetagView } from '../../../shared/ipc';
import { formatArg } from '../../../shared/osc';
import { ntpToUnixMs } from '../../../shared/osc/timetag';
import type { ReceivedMessage } from '../receive/receive-path';
import type { EngineSink } from './context';

/** Receives one decoded message (a receive path's onReceive). */
export type MessageTap = (message: ReceivedMessage) => void;

/** Creates a tap that pushes each received message to stream:messages. */
export function createMessageTap(deps: { sink: EngineSink }): MessageTap {
  let current: ReceivedMessage | null = null;
  // One builder for every message (the sink calls it synchronously, only if the frame has room).
  const build = (): MessageItem => messageItem(current!);
  return (m) => {
    current = m;
    deps.sink.stream('stream:messages', build);
    current = null;
  };
}

/** A received message as the log shows it. */
export function messageItem(m: ReceivedMessage): MessageItem {
  const wire = m.wireTimetag ?? m.timetag;
  return {
    address: m.message.address,
    args: m.message.args.map(formatArg),
    timetag: wire === null ? null : timetagView(wire),
    playMs: m.timetag === null ? m.arrivalMs : ntpToUnixMs(m.timetag),
    arrivalMs: m.arrivalMs,
    leadMs: m.leadMs,
    source: `${m.from.address}:${m.from.port}`,
    classification: m.classification,
    isLate: m.classification === 'late',
    isDropped: m.isDropped,
    clock: m.clock ?? 'local',
    clockOffsetMs: m.clockOffsetMs ?? null,
  };
}
