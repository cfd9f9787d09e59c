import { parseArgs } from 'node:util';
import { formatArg } from '../../shared/osc';
import { ntpToHex, ntpToIso } from '../../shared/osc/timetag';
import {
  createReceivePath,
  type DispatchedMessage,
  type LatePolicy,
} from '../engine/receive/receive-path';
import { createUdpEndpoint } from '../engine/network/udp-endpoint';
import { parsePort, UsageError } from './args';
import { untilAborted, type Command } from './context';
import { jsonArg } from './json-args';

const usage = `usage: syncroscope listen --port P [--host H] [--json] [--count N] [--late play|drop]

Prints every OSC message that arrives, at the moment it is due (its bundle timetag, or arrival for
plain messages): a precise oscdump. Lines show the timetag (NTP hex and UTC), its lead over the
arrival (positive = arrived in time), the dispatch error and the sender.
  --port P        UDP port to listen on (8000 = Python role, 8001 = Pd role)
  --host H        local address (default 127.0.0.1; 0.0.0.0 for every interface)
  --json          one JSON object per message: address, types, args, timetag (hex or null),
                  timetag_iso, lead_ms, arrival and dispatched (Unix seconds), error_ms, late, from
  --count N       exit after N messages
  --late POLICY   what to do with a message whose timetag has passed: play (default) or drop`;

const line = (m: DispatchedMessage, isJson: boolean): string => {
  if (isJson) {
    return JSON.stringify({
      address: m.message.address,
      types: m.message.args.map((a) => a.type).join(''),
      args: m.message.args.map(jsonArg),
      timetag: m.timetag === null ? null : ntpToHex(m.timetag),
      timetag_iso: m.timetag === null ? null : ntpToIso(m.timetag),
      lead_ms: m.leadMs,
      arrival: m.arrivalMs / 1000,
      dispatched: m.dispatchedMs / 1000,
      error_ms: m.errorMs,
      late: m.isLate,
      classification: m.classification,
      from: `${m.from.address}:${m.from.port}`,
    });
  }
  const when = m.timetag === null ? 'immediately        ' : ntpToHex(m.timetag);
  const lead =
    m.leadMs === null ? '' : ` lead ${m.leadMs >= 0 ? '+' : ''}${m.leadMs.toFixed(3)} ms`;
  const late = m.isLate ? ' LATE' : '';
  const args = m.message.args.map(formatArg).join(' ');
  return `${new Date(m.dispatchedMs).toISOString()} ${when}${lead}${late} from ${m.from.address}:${m.from.port} ${m.message.address} ${args}`.trimEnd();
};

/** `syncroscope listen`. */
export const listen: Command = {
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
    const path = createReceivePath({
      clock: ctx.clock,
      scheduler: ctx.scheduler,
      latePolicy: values.late as LatePolicy,
      onDispatch: (m) => {
        ctx.out(line(m, values.json));
        counted();
      },
      onReceive: (m) => {
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
    const endpoint = createUdpEndpoint({ clock: ctx.clock, host: values.host, port });
    endpoint.onError((e) => ctx.err(`[udp] ${e.message}`));
    path.attach(endpoint);
    const bound = await endpoint.bind();
    ctx.err(`[listen] listening on ${bound.address}:${bound.port} (Ctrl-C to stop)`);
    await Promise.race([untilAborted(ctx.signal), untilAborted(done.signal)]);
    path.dispose();
    await endpoint.close();
    const c = path.counters();
    ctx.err(
      `[listen] ${c.messages} messages (${c.immediate} immediate, ${c.future} future, ${c.late} late), ${c.malformed} malformed`,
    );
    return 0;
  },
};
