import { encodeBundle, encodeMessage, formatArg } from '../../shared/osc';
import { ntpToHex } from '../../shared/osc/timetag';
import { createUdpEndpoint } from '../engine/network/udp-endpoint';
import { parseHostPort, UsageError } from './args';
import type { Command } from './context';
import { parseAt, parseSendArgs } from './send-args';

const usage = `usage: syncroscope send HOST:PORT /address [ARGS...] [--types TYPES] [--at +MS|now]

Sends one OSC message. Whole numbers are sent as i, other numbers as f, the rest as strings,
unless --types gives each argument's type (as oscsend: i f d h s S c T F N I).
  --at +MS   wrap it in a bundle timetagged MS milliseconds from now (receivers act then)
  --at now   wrap it in a bundle timetagged "immediately"
examples:
  syncroscope send 127.0.0.1:8001 /pd tick
  syncroscope send 127.0.0.1:8000 /py tick --at +500
  syncroscope send 127.0.0.1:5005 /cue/lighting "Scene Bright"`;

/** `syncroscope send`. */
export const send: Command = {
  summary: 'send one OSC message, optionally in a timetagged bundle',
  usage,
  async run(argv, ctx) {
    const words: string[] = [];
    let types: string | undefined;
    let at: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const w = argv[i]!;
      if (w === '--types' || w === '--at') {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${w} needs a value`);
        if (w === '--types') types = v;
        else at = v;
      } else if (w.startsWith('--')) throw new UsageError(`unknown option ${w}`);
      else words.push(w);
    }
    const [target, address, ...rest] = words;
    const to = parseHostPort(target, 'target');
    if (!address?.startsWith('/'))
      throw new UsageError(`the OSC address must start with "/", got "${address ?? ''}"`);
    const args = parseSendArgs(rest, types);
    const message = { kind: 'message' as const, address, args };
    const timetag = at === undefined ? null : parseAt(at, ctx.clock.nowMs());
    const bytes =
      timetag === null ? encodeMessage(address, args) : encodeBundle(timetag, [message]);
    const endpoint = createUdpEndpoint({
      clock: ctx.clock,
      port: 0,
      host: to.host.includes(':') ? '::' : '0.0.0.0',
    });
    try {
      await endpoint.bind();
      await endpoint.send(bytes, to.host, to.port);
    } finally {
      await endpoint.close();
    }
    const when = timetag === null ? '' : ` at ${ntpToHex(timetag)}`;
    ctx.err(
      `[send] ${to.host}:${to.port} ${address} ${args.map(formatArg).join(' ')}${when}`.trimEnd(),
    );
    return 0;
  },
};
