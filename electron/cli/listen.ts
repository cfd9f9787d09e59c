import { parseArgs } from 'node:util';
import { CLOCK_PING_ADDRESS, isClockAddress } from '../../shared/clocksync';
import { RECEIVE_LIMITS } from '../../shared/model/limits';
import { formatArg } from '../../shared/osc';
import { ntpToHex, ntpToIso } from '../../shared/osc/timetag';
import {
  createReceivePath,
  type DispatchedMessage,
  type LatePolicy,
  type ReceivedMessage,
} from '../engine/receive/receive-path';
import { createDiscovery } from '../engine/discovery';
import { createKernelDropReader, watchKernelDrops } from '../engine/network/kernel-drops';
import { createUdpEndpoint } from '../engine/network/udp-endpoint';
import { createRefusalNotices } from '../engine/receive/refusal-notices';
import { createEndpointClockSync } from '../engine/clocksync';
import { createRealTimers } from '../engine/time/timers';
import { CLOCK_SKEW_USAGE, parsePort, UsageError } from './args';
import { startClockLog } from './clock-log';
import { untilAborted, type Command } from './context';
import { jsonArg } from './json-args';
import { summaryJson, summaryLines } from './listen-summary';

const usage = `usage: syncroscope listen --port P [--host H] [--json] [--count N] [--late play|drop] [--no-advertise]
                        [--no-clock-sync] [--log-clock FILE]

Prints every OSC message that arrives, at the moment it is due (its bundle timetag, or arrival for
plain messages): a precise oscdump. Lines show the timetag (NTP hex and UTC), its lead over the
arrival (positive = arrived in time), the dispatch error and the sender. It answers clock pings
and measures the clock of each Syncroscope sender it hears (python-osc and Pd do not answer and
are read in this computer's clock): such a sender's timetags are read in its own clock, shown as
"[peer clock +250.000 ms]" (or "peer-measuring" until the estimate has converged). The clock
exchange's own messages (/syncroscope/clock/*) are not printed. Like the app, it refuses what one
sender could swamp it with (a datagram of more than 128 messages, a sender over its budget, too
many messages waiting), says so on stderr, and on exit sums up what it refused and what the OS
dropped before it could read (Linux reports it; --json: one JSON object on stderr).
  --port P        UDP port to listen on (8000 = Python role, 8001 = Pd role)
  --host H        local address (default 127.0.0.1; 0.0.0.0 for every interface)
  --json          one JSON object per message: address, types, args, timetag (hex or null),
                  timetag_iso, lead_ms, arrival and dispatched (Unix seconds), error_ms, late, from,
                  clock (local | peer | peer-measuring: the clock the timetag, as sent, was read
                  in) and clock_offset_ms (the sender's offset taken off it; null if local)
  --count N       exit after N messages
  --late POLICY   what to do with a message whose timetag has passed: play (default) or drop
  --no-advertise  do not announce this listener over mDNS (_osc._udp, role listen); it is
                  announced by default, so \`syncroscope peers\` and the app's peers panel find it
  --no-clock-sync read every timetag in this computer's clock: no sender is pinged (pings from
                  others are still answered), to hear what unsynchronized clocks do
  --log-clock FILE write this process's clock beside CLOCK_MONOTONIC every 100 ms:
                  "MONO_NS CLOCK_MS WALL_MS" lines (the monotonic clock is shared by every process
                  on a machine, so two logs show exactly how two processes' clocks differ)
${CLOCK_SKEW_USAGE}`;

const line = (m: DispatchedMessage, isJson: boolean): string => {
  const wire = m.wireTimetag ?? m.timetag; // as sent, in the sender's clock
  const clock = m.clock ?? 'local';
  const offsetMs = m.clockOffsetMs ?? null;
  if (isJson) {
    return JSON.stringify({
      address: m.message.address,
      types: m.message.args.map((a) => a.type).join(''),
      args: m.message.args.map(jsonArg),
      timetag: wire === null ? null : ntpToHex(wire),
      timetag_iso: wire === null ? null : ntpToIso(wire),
      lead_ms: m.leadMs,
      arrival: m.arrivalMs / 1000,
      dispatched: m.dispatchedMs / 1000,
      error_ms: m.errorMs,
      late: m.isLate,
      classification: m.classification,
      from: `${m.from.address}:${m.from.port}`,
      clock,
      clock_offset_ms: offsetMs,
    });
  }
  const when = wire === null ? 'immediately        ' : ntpToHex(wire);
  const lead =
    m.leadMs === null ? '' : ` lead ${m.leadMs >= 0 ? '+' : ''}${m.leadMs.toFixed(3)} ms`;
  const late = m.isLate ? ' LATE' : '';
  const inClock =
    offsetMs === null
      ? ''
      : ` [${clock} clock ${offsetMs >= 0 ? '+' : ''}${offsetMs.toFixed(3)} ms]`;
  const args = m.message.args.map(formatArg).join(' ');
  return `${new Date(m.dispatchedMs).toISOString()} ${when}${inClock}${lead}${late} from ${m.from.address}:${m.from.port} ${m.message.address} ${args}`.trimEnd();
};

/** `syncroscope listen`. */
export const listen: Command = {
  isTimed: true,
  summary: 'print every OSC message that arrives, with timetag and lead',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        json: { type: 'boolean', default: false },
        count: { type: 'string' },
        late: { type: 'string', default: 'play' },
        'no-advertise': { type: 'boolean', default: false },
        'no-clock-sync': { type: 'boolean', default: false },
        'log-clock': { type: 'string' },
      },
    });
    const port = parsePort(values.port, '--port', true);
    const count = values.count === undefined ? Infinity : Number(values.count);
    if (!(count >= 1) || (!Number.isInteger(count) && count !== Infinity))
      throw new UsageError(`--count must be a whole number >= 1, got "${values.count}"`);
    if (values.late !== 'play' && values.late !== 'drop')
      throw new UsageError(`--late must be play or drop, got "${values.late}"`);

    const done = new AbortController();
    let seen = 0;
    const counted = (): void => {
      if (++seen >= count) done.abort();
    };
    const endpoint = createUdpEndpoint({ clock: ctx.clock, host: values.host, port });
    const timers = createRealTimers(ctx.clock);
    const sync = createEndpointClockSync({ endpoint, clock: ctx.clock, timers });
    const path = createReceivePath({
      clock: ctx.clock,
      scheduler: ctx.scheduler,
      timers,
      latePolicy: values.late as LatePolicy,
      onRefused: createRefusalNotices({
        nowMs: () => ctx.clock.nowMs(),
        log: (text) => ctx.err(`[listen] ${text}`),
      }),
      ...(values['no-clock-sync'] ? {} : { timetagToLocal: sync.timetagToLocal }),
      onDispatch: (m) => {
        if (isClockAddress(m.message.address)) return; // clock plumbing, answered on arrival
        ctx.out(line(m, values.json));
        counted();
      },
      onReceive: (m) => {
        if (values['no-clock-sync'] ? answerOnly(m) : sync.onReceive(m)) return;
        if (m.classification === 'late' && values.late === 'drop') {
          ctx.err(
            `[listen] dropped late message ${m.message.address} (${m.leadMs?.toFixed(3)} ms late)`,
          );
          counted();
        }
      },
      onMalformed: (p) =>
        ctx.err(
          `[listen] malformed packet from ${p.from.address}:${p.from.port} (${p.byteLength} bytes): ${p.error.message}`,
        ),
    });
    const answerOnly = (m: ReceivedMessage): boolean => {
      if (m.message.address !== CLOCK_PING_ADDRESS) return isClockAddress(m.message.address);
      return sync.onReceive(m); // answers it; pings nobody
    };
    const clockLog =
      values['log-clock'] === undefined
        ? null
        : startClockLog(values['log-clock'], ctx.clock, (e) =>
            ctx.err(`[clock] log: ${e.message}`),
          );
    endpoint.onError((e) => ctx.err(`[udp] ${e.message}`));
    path.attach(endpoint);
    const bound = await endpoint.bind();
    ctx.err(`[listen] listening on ${bound.address}:${bound.port} (Ctrl-C to stop)`);
    const readKernelDrops = createKernelDropReader({ family: endpoint.family, port: bound.port });
    const kernelDrops = watchKernelDrops({
      read: readKernelDrops,
      timers,
      intervalMs: RECEIVE_LIMITS.kernelDropPollMs,
    });
    const discovery = values['no-advertise']
      ? null
      : createDiscovery({
          log: (_level, text) => ctx.err(`[discovery] ${text}`),
          nowMs: () => ctx.clock.nowMs(),
        });
    discovery?.advertise({ port: bound.port, role: 'listen', answersClockSync: true });
    if (discovery && /^(127\.|::1$|localhost$)/.test(values.host)) {
      ctx.err(
        `[discovery] advertised, but ${values.host} is reachable from this computer only (--host 0.0.0.0 for others)`,
      );
    }
    await Promise.race([untilAborted(ctx.signal), untilAborted(done.signal)]);
    await discovery?.dispose(); // the goodbye goes out while the port is still ours
    path.dispose();
    kernelDrops.dispose();
    const kernelDropped = await readKernelDrops().catch(() => kernelDrops.dropped);
    const receiveBufferBytes = endpoint.receiveBufferBytes;
    await endpoint.close();
    for (const p of sync.peers.views()) {
      if (p.offsetMs === null) continue;
      ctx.err(
        `[clock] ${p.peer}: ${p.state}, offset ${p.offsetMs.toFixed(3)} ms +- ${p.errorBoundMs?.toFixed(3)}, drift ${p.driftPpm?.toFixed(1)} ppm`,
      );
    }
    sync.dispose();
    await clockLog?.dispose();
    const totals = { counters: path.counters(), kernelDropped, receiveBufferBytes };
    if (values.json) ctx.err(summaryJson(totals));
    else for (const text of summaryLines(totals)) ctx.err(`[listen] ${text}`);
    return 0;
  },
};
