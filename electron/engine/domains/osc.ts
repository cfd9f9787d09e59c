/** The `osc:*` domain: send one OSC message now, or as a bundle timetagged ahead. */
import { argFromJson, timetagView, type CommandRequest } from '../../../shared/ipc';
import { encodeBundle, encodeMessage, OscEncodeError } from '../../../shared/osc';
import { ntpAddMs } from '../../../shared/osc/timetag';
import type { DomainHandlers, EngineContext } from './context';
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
      throw Object.assign(new Error(`Cannot encode this message: ${error.message}`), {
        code: 'invalid-request',
      });
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
