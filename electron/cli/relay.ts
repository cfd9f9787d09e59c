import { parseArgs } from 'node:util';
import { createRelay, type RelayCounters } from '../engine/network/relay/relay';
import { IMPAIRMENT_LIMITS, impairmentSchema } from '../../shared/model';
import { parseHostPort, parseNumber, parsePort, parseRange } from './args';
import { untilAborted, type Command } from './context';

const { delayMs, jitterMs, loss, reorder, duplicate } = IMPAIRMENT_LIMITS;

const usage = `usage: syncroscope relay --listen P [--host H] --to HOST:PORT [--delay MS] [--jitter MS] [--loss FRACTION]
                        [--uniform] [--reorder FRACTION] [--duplicate FRACTION] [--seed S] [--one-way]

A UDP relay that behaves like a jittery network: point a sender at port P and it forwards every
datagram to HOST:PORT after delay +- jitter, losing, reordering or duplicating some. Replies travel
back the same way (impaired too unless --one-way). Prints its counters every 2 s and on exit.
  --host H            local address to listen on (default 127.0.0.1; 0.0.0.0 for the LAN)
  --delay MS          mean added delay, ${delayMs.min}-${delayMs.max} (default 0)
  --jitter MS         sd of the delay (normal), or half-width with --uniform, ${jitterMs.min}-${jitterMs.max} (default 0)
  --loss FRACTION     probability a packet is lost, ${loss.min}-${loss.max}, e.g. 0.01 for 1 %
  --reorder FRACTION  probability a packet is held back behind later ones, ${reorder.min}-${reorder.max}
  --duplicate FRACTION probability a packet is delivered twice, ${duplicate.min}-${duplicate.max}
  --seed S            repeatable randomness
example (Wi-Fi-like jitter in front of Pure Data):
  syncroscope relay --listen 9001 --to 127.0.0.1:8001 --delay 20 --jitter 10 --loss 0.01`;

/** The delay the relay added so far; the mean and sd are not numbers before two deliveries. */
export function describeDelay(c: Pick<RelayCounters, 'meanDelayMs' | 'sdDelayMs'>): string {
  if (!Number.isFinite(c.meanDelayMs)) return 'added delay: no packets yet';
  const mean = c.meanDelayMs.toFixed(2);
  return Number.isFinite(c.sdDelayMs)
    ? `added delay ${mean} +- ${c.sdDelayMs.toFixed(2)} ms`
    : `added delay ${mean} ms (one packet)`;
}

/** `syncroscope relay`. */
export const relay: Command = {
  isTimed: true,
  summary: 'a user-space network impairment relay (delay, jitter, loss, reorder, duplication)',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        listen: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        to: { type: 'string' },
        delay: { type: 'string', default: '0' },
        jitter: { type: 'string', default: '0' },
        loss: { type: 'string', default: '0' },
        uniform: { type: 'boolean', default: false },
        reorder: { type: 'string', default: '0' },
        duplicate: { type: 'string', default: '0' },
        seed: { type: 'string' },
        'one-way': { type: 'boolean', default: false },
      },
    });
    const impairment = impairmentSchema.parse({
      delayMs: parseRange(values.delay, '--delay', delayMs),
      jitterMs: parseRange(values.jitter, '--jitter', jitterMs),
      jitterDistribution: values.uniform ? 'uniform' : 'normal',
      loss: parseRange(values.loss, '--loss', loss),
      reorder: parseRange(values.reorder, '--reorder', reorder),
      duplicate: parseRange(values.duplicate, '--duplicate', duplicate),
    });
    const r = createRelay({
      clock: ctx.clock,
      scheduler: ctx.scheduler,
      listenHost: values.host,
      listenPort: parsePort(values.listen, '--listen', true),
      to: parseHostPort(values.to, '--to'),
      impairment,
      ...(values.seed === undefined
        ? {}
        : { seed: parseNumber(values.seed, '--seed', 0, 2 ** 32 - 1) }),
      isOneWay: values['one-way'],
      onError: (e) => ctx.err(`[relay] ${e.message}`),
      onProblem: (problem) =>
        ctx.err(
          problem === null
            ? `[relay] ${values.to} no longer refuses what it forwards`
            : `[relay] ${problem}; still forwarding`,
        ),
    });
    const bound = await r.start();
    ctx.err(
      `[relay] ${bound.address}:${bound.port} -> ${values.to} delay ${impairment.delayMs} ms, jitter ${impairment.jitterMs} ms (${impairment.jitterDistribution}), loss ${impairment.loss}`,
    );
    const report = (): void => {
      const c = r.counters();
      ctx.err(
        `[relay] received ${c.received} delivered ${c.delivered} lost ${c.lost} reordered ${c.reordered} duplicated ${c.duplicated} replies ${c.replies} ${describeDelay(c)}`,
      );
    };
    const timer = setInterval(report, 2000);
    await untilAborted(ctx.signal);
    clearInterval(timer);
    report();
    await r.dispose();
    return 0;
  },
};
