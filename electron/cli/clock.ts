/**
 * `syncroscope clock HOST:PORT`: the clock exchange against one Syncroscope peer (listen,
 * metronome, timecode, or the app's receiver), printing the estimate as it converges: offset
 * (peer minus this computer), round trip, error bound and drift.
 */
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';
import {
  createClockEstimator,
  encodeClockPing,
  isImpossibleExchange,
  parseClockPong,
  sampleFromExchange,
  type ClockEstimate,
  type ClockSample,
} from '../../shared/clocksync';
import { decodePacket } from '../../shared/osc';
import { ntpFromUnixMs, type NtpTime } from '../../shared/osc/timetag';
import { createUdpEndpoint } from '../engine/network/udp-endpoint';
import { CLOCK_SKEW_USAGE, parseHostPort, parseNumber, UsageError } from './args';
import type { CliContext, Command } from './context';

const usage = `usage: syncroscope clock HOST:PORT [--count N] [--interval MS] [--timeout MS] [--json]
                        [--clock-offset MS] [--clock-drift PPM]

Measures a Syncroscope peer's clock against this computer's with NTP-style pings on
/syncroscope/clock/ping (every listen, metronome and timecode socket answers; python-osc and Pd
do not). One line per answer, as the estimate converges:
  offset   peer clock minus ours, ms (from the fastest round trips, fitted over time)
  bound    the true offset is within offset +- bound: half the best round trips, never a guess
  rtt      median round trip on the network (the peer's processing time taken out), ms
  drift    how fast the peer gains on us, ppm (0 until the samples span 5 s)
  state    measuring, then converged (8 samples and a bound of at most 5 ms)
  --count N       send N pings, then wait --timeout for the last answers and exit (default: until Ctrl-C)
  --interval MS   between pings, 10-10000 (default 250)
  --timeout MS    how long to wait for the last answer, 10-60000 (default 1000)
  --json          one JSON object per answer: peer, offset_ms, rtt_ms, error_bound_ms, drift_ppm,
                  state, samples, sample_offset_ms, sample_rtt_ms (this ping's own), at (Unix s)
${CLOCK_SKEW_USAGE}
Exit code 1 when the peer never answered.`;

const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

const describe = (peer: string, e: ClockEstimate, s: ClockSample, isJson: boolean): string =>
  isJson
    ? JSON.stringify({
        peer,
        offset_ms: e.offsetMs,
        rtt_ms: e.rttMs,
        error_bound_ms: e.errorBoundMs,
        drift_ppm: e.driftPpm,
        state: e.state,
        samples: e.samples,
        sample_offset_ms: s.offsetMs,
        sample_rtt_ms: s.rttMs,
        at: e.atMs / 1000,
      })
    : `${peer} offset ${signed(e.offsetMs, 3)} ms +- ${e.errorBoundMs.toFixed(3)}  rtt ${e.rttMs.toFixed(3)} ms  drift ${signed(e.driftPpm, 1)} ppm  ${e.state} (${e.samples} samples)`;

/** `syncroscope clock`. */
export const clock: Command = {
  summary: "measure a Syncroscope peer's clock: offset, round trip, error bound, drift",
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        count: { type: 'string' },
        interval: { type: 'string', default: '250' },
        timeout: { type: 'string', default: '1000' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give one peer as HOST:PORT');
    const to = parseHostPort(positionals[0], 'the peer');
    const count =
      values.count === undefined ? Infinity : parseNumber(values.count, '--count', 1, 1e9);
    if (count !== Infinity && !Number.isInteger(count))
      throw new UsageError(`--count must be a whole number, got "${values.count}"`);
    const intervalMs = parseNumber(values.interval, '--interval', 10, 10_000);
    const timeoutMs = parseNumber(values.timeout, '--timeout', 10, 60_000);
    return measure(ctx, { ...to, count, intervalMs, timeoutMs, isJson: values.json });
  },
};

async function measure(
  ctx: CliContext,
  o: {
    host: string;
    port: number;
    count: number;
    intervalMs: number;
    timeoutMs: number;
    isJson: boolean;
  },
): Promise<number> {
  const peer = isIPv6(o.host) ? `[${o.host}]:${o.port}` : `${o.host}:${o.port}`;
  const endpoint = createUdpEndpoint({
    clock: ctx.clock,
    host: isIPv6(o.host) ? '::' : '0.0.0.0',
    port: 0,
  });
  const estimator = createClockEstimator();
  const outstanding = new Set<NtpTime>();
  let pings = 0;
  let answers = 0;
  let last: ClockEstimate | null = null;
  endpoint.onError((e) => ctx.err(`[udp] ${e.message}`));
  endpoint.onPacket((bytes, _from, arrivalMs) => {
    let pong;
    try {
      const packet = decodePacket(bytes);
      pong = packet.kind === 'message' ? parseClockPong(packet) : null;
    } catch {
      return; // not ours to read
    }
    if (pong === null || !outstanding.delete(pong.t1)) return;
    answers++;
    const exchange = { ...pong, t4: ntpFromUnixMs(arrivalMs) };
    if (isImpossibleExchange(exchange)) {
      return ctx.err('[clock] an impossible answer (a clock stepped mid-exchange): skipped');
    }
    const sample = sampleFromExchange(exchange);
    if (estimator.add(sample) === 'step') ctx.err('[clock] a clock stepped: measuring again');
    last = estimator.estimate(ctx.clock.nowMs());
    if (last) ctx.out(describe(peer, last, sample, o.isJson));
  });
  await endpoint.bind();
  if (ctx.clockSkew.offsetMs !== 0 || ctx.clockSkew.driftPpm !== 0) {
    ctx.err(
      `[clock] this clock is deliberately off: ${ctx.clockSkew.offsetMs} ms, ${ctx.clockSkew.driftPpm} ppm`,
    );
  }
  ctx.err(`[clock] pinging ${peer} every ${o.intervalMs} ms (Ctrl-C to stop)`);

  const ping = (): void => {
    const t1 = ctx.clock.nowNtp();
    outstanding.add(t1);
    pings++;
    endpoint.send(encodeClockPing(t1), o.host, o.port).catch((e: Error) => {
      outstanding.delete(t1);
      ctx.err(`[clock] ${e.message}`);
    });
  };
  await new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    ctx.signal.addEventListener('abort', finish, { once: true });
    const next = (): void => {
      if (ctx.signal.aborted) return;
      if (pings >= o.count) {
        timer = setTimeout(finish, o.timeoutMs);
        return;
      }
      ping();
      timer = setTimeout(next, o.intervalMs);
    };
    next();
  });
  await endpoint.close();
  const summary = last as ClockEstimate | null;
  if (answers === 0) {
    ctx.err(
      `[clock] no answer from ${peer} to ${pings} pings: is it a Syncroscope listen, metronome or timecode? (python-osc and Pd do not answer clock pings)`,
    );
    return 1;
  }
  ctx.err(
    `[clock] ${peer}: ${answers} of ${pings} pings answered; ` +
      (summary
        ? `offset ${signed(summary.offsetMs, 3)} ms +- ${summary.errorBoundMs.toFixed(3)}, drift ${signed(summary.driftPpm, 1)} ppm, ${summary.state}`
        : 'no usable sample'),
  );
  return 0;
}
