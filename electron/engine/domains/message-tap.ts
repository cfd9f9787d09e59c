/**
 * stream:messages: every received message on arrival, ticks included, for the log/inspector.
 *
 * The tick receiver announces only ticks on arrival (others when they are due), so this tap runs
 * a second receive path over the same datagrams, with a scheduler that queues nothing: it
 * classifies each message exactly as the tick receiver's path does, while waiting for timetags
 * (and dispatching) stays with the tick receiver alone. The price is decoding each datagram twice
 * (sub-microsecond for a tick); an arrival hook on createTickReceiver would remove it.
 */
import type { MessageItem } from '../../../shared/ipc';
import { timetagView } from '../../../shared/ipc';
import { formatArg } from '../../../shared/osc';
import { ntpToUnixMs } from '../../../shared/osc/timetag';
import type { Clock } from '../clock';
import { createReceivePath, type LatePolicy, type ReceivedMessage } from '../receive-path';
import type { Scheduler } from '../scheduler';
import type { UdpSource } from '../udp-endpoint';
import type { EngineSink } from './context';

/** Queues nothing: the tap only classifies. */
const inertScheduler: Scheduler = {
  schedule: () => null,
  cancel: () => false,
  reschedule: () => false,
  size: 0,
  dispose: () => {},
};

/** Feeds one datagram to the tap (the endpoint's packet listener). */
export type MessageTap = (bytes: Uint8Array, from: UdpSource, arrivalMs: number) => void;

/** Creates a tap that pushes each message of each datagram to stream:messages. */
export function createMessageTap(deps: {
  clock: Clock;
  sink: EngineSink;
  latePolicy: LatePolicy;
}): MessageTap {
  let current: ReceivedMessage | null = null;
  // One builder for every message (the sink calls it synchronously, only if the frame has room).
  const build = (): MessageItem => messageItem(current!, deps.latePolicy);
  const path = createReceivePath({
    clock: deps.clock,
    scheduler: inertScheduler,
    latePolicy: deps.latePolicy,
    onReceive: (m) => {
      current = m;
      deps.sink.stream('stream:messages', build);
      current = null;
    },
    onDispatch: () => {},
  });
  return path.handlePacket;
}

/** A received message as the log shows it. */
export function messageItem(m: ReceivedMessage, policy: LatePolicy): MessageItem {
  const isLate = m.classification === 'late';
  return {
    address: m.message.address,
    args: m.message.args.map(formatArg),
    timetag: m.timetag === null ? null : timetagView(m.timetag),
    playMs: m.timetag === null ? m.arrivalMs : ntpToUnixMs(m.timetag),
    arrivalMs: m.arrivalMs,
    leadMs: m.leadMs,
    source: `${m.from.address}:${m.from.port}`,
    classification: m.classification,
    isLate,
    isDropped: isLate && policy === 'drop',
  };
}
