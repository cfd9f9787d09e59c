/**
 * stream:messages: every received message on arrival, ticks included, routed or not, for the
 * log/inspector. The receiver feeds it beside the router, so each datagram is decoded once.
 */
import type { MessageItem, TimetagView } from '../../../shared/ipc';
import { timetagView } from '../../../shared/ipc';
import { formatArg } from '../../../shared/osc';
import { ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { UdpSource } from '../network/udp-endpoint';
import type { ReceivedMessage } from '../receive/receive-path';
import type { EngineSink } from './context';

/** Receives one decoded message (a receive path's onReceive). */
export type MessageTap = (message: ReceivedMessage) => void;

/** Creates a tap that pushes each received message to stream:messages. */
export function createMessageTap(deps: { sink: EngineSink }): MessageTap {
  let current: ReceivedMessage | null = null;
  // The messages of one datagram share its source and timetag: their words are made once.
  const views = createViewCache();
  // One builder for every message (the sink calls it synchronously, only if the frame has room).
  const build = (): MessageItem => messageItem(current!, views);
  return (m) => {
    current = m;
    deps.sink.stream('stream:messages', build);
    current = null;
  };
}

/** The last source and timetag put in words, kept for the next message (one entry each). */
interface ViewCache {
  source(from: UdpSource): string;
  timetag(t: NtpTime): TimetagView;
}

function createViewCache(): ViewCache {
  let from: UdpSource | null = null;
  let source = '';
  let tag: NtpTime | null = null;
  let view: TimetagView | null = null;
  return {
    source(f) {
      if (f !== from) {
        from = f;
        source = `${f.address}:${f.port}`;
      }
      return source;
    },
    timetag(t) {
      if (t !== tag || view === null) {
        tag = t;
        view = timetagView(t);
      }
      return view;
    },
  };
}

/** A received message as the log shows it. */
export function messageItem(m: ReceivedMessage, views: ViewCache = createViewCache()): MessageItem {
  const wire = m.wireTimetag ?? m.timetag;
  return {
    address: m.message.address,
    args: m.message.args.map(formatArg),
    timetag: wire === null ? null : views.timetag(wire),
    playMs: m.timetag === null ? m.arrivalMs : ntpToUnixMs(m.timetag),
    arrivalMs: m.arrivalMs,
    leadMs: m.leadMs,
    source: views.source(m.from),
    classification: m.classification,
    isLate: m.classification === 'late',
    isDropped: m.isDropped,
    clock: m.clock ?? 'local',
    clockOffsetMs: m.clockOffsetMs ?? null,
  };
}
