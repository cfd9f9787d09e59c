/** The `osc:*` domain: send one OSC message now, or as a bundle timetagged ahead. */
import { argFromJson, timetagView, type CommandRequest, type FieldPath } from '../../../shared/ipc';
import { encodeBundle, encodeMessage, OscEncodeError } from '../../../shared/osc';
import { ntpAddMs } from '../../../shared/osc/timetag';
import { invalid, type DomainHandlers, type EngineContext } from './context';
import type { Senders } from './senders';

/** Totals of what osc:send put on the wire (engine:changed `sent`). */
export interface SendCounters {
  packets: number;
  bytes: number;
  errors: number;
}

/** The osc domain. */
export interface OscDomain {
  handlers: DomainHandlers<'osc:send'>;
  sent(): SendCounters;
}

/** Creates the osc domain; `onChanged` runs whenever the send totals change. */
export function createOscDomain(
  ctx: EngineContext,
  deps: { senders: Senders; onChanged: () => void },
): OscDomain {
  const sent: SendCounters = { packets: 0, bytes: 0, errors: 0 };

  const encode = (req: CommandRequest<'osc:send'>, timetag: bigint | null): Uint8Array => {
    const args = req.args.map(argFromJson);
    try {
      const message = { kind: 'message' as const, address: req.address, args };
      return timetag === null ? encodeMessage(req.address, args) : encodeBundle(timetag, [message]);
    } catch (error) {
      if (!(error instanceof OscEncodeError)) throw error;
      const message = `Cannot encode this message: ${error.message}`;
      const field = encodeErrorField(error, req.address);
      throw field === null ? invalid(message) : invalid([{ field, message }], message);
    }
  };

  return {
    handlers: {
      async 'osc:send'(req) {
        const timetag = req.atMs === undefined ? null : ntpAddMs(ctx.clock.nowNtp(), req.atMs);
        const bytes = encode(req, timetag);
        try {
          await deps.senders.send(bytes, req.host, req.port);
        } catch (error) {
          sent.errors++;
          ctx.log('warn', error instanceof Error ? error.message : String(error));
          deps.onChanged();
          throw error;
        }
        sent.packets++;
        sent.bytes += bytes.length;
        deps.onChanged();
        return { bytes: bytes.length, timetag: timetag === null ? null : timetagView(timetag) };
      },
    },
    sent: () => ({ ...sent }),
  };
}

/**
 * The request field an encode error is about: the address, or the argument its message names
 * ("/a arg 2 ..."; in a nested array "arg 2 arg 0" is args[2].value[0]). Null if neither.
 */
function encodeErrorField(error: OscEncodeError, address: string): FieldPath | null {
  if (error.code === 'address') return ['address'];
  const where = error.message.startsWith(address) ? error.message.slice(address.length) : '';
  const indices = [...where.matchAll(/\barg (\d+)/g)].map((m) => Number(m[1]));
  if (indices.length === 0) return null;
  return ['args', ...indices.flatMap((i, n) => (n === 0 ? [i] : ['value', i]))];
}
