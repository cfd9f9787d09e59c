import { parseArgs } from 'node:util';
import { ntpDiffMs, ntpToHex } from '../../shared/osc/timetag';
import {
  DEFAULT_METRONOME_SETTINGS,
  METRONOME_LIMITS,
  TICK_PORT_PD,
  TICK_PORT_PYTHON,
  validateMetronomeSettings,
  type MetronomeTarget,
} from '../../shared/model';
import { createMetronome, type BeatEvent } from '../engine/metronome';
import { answerClockPings, clockPongForDatagram } from '../engine/clocksync';
import {
  createConnectedSender,
  isConnectable,
  type ConnectedSender,
} from '../engine/network/connected-sender';
import { createUdpEndpoint, type UdpEndpoint } from '../engine/network/udp-endpoint';
import { CLOCK_SKEW_USAGE, parseNumber, parseRange, parseTarget, UsageError } from './args';
import { untilAborted, type CliContext, type Command } from './context';

const { bpm, offsetMs, accentEvery, lookaheadMs } = METRONOME_LIMITS;
const DEFAULT_TARGETS = [`127.0.0.1:${TICK_PORT_PD}`, `127.0.0.1:${TICK_PORT_PYTHON}`];

const usage = `usage: syncroscope metronome [--mode immediate|offset|forward] [--bpm B] [--offset MS]
                            [--target HOST:PORT[/ADDRESS]]... [--count N] [--accent N]
                            [--extended] [--lookahead MS] [--json]

Sends a tick every beat to each target.
  immediate  a plain /tick "tick" sent on the beat; receivers play on arrival (example 2)
  offset     a bundle sent on the beat, timetag = send time + offset (example 3)
  forward    a bundle timetagged beat time + offset, sent ahead to every target at once, so all
             receivers play beat n at the same instant (part 4, forward synchronization)
  --bpm B           ${bpm.min}-${bpm.max} (default ${DEFAULT_METRONOME_SETTINGS.bpm})
  --offset MS       the forward offset F, ${offsetMs.min}-${offsetMs.max} ms (default ${DEFAULT_METRONOME_SETTINGS.offsetMs})
  --target T        HOST:PORT[/ADDRESS], repeatable (at most ${METRONOME_LIMITS.targets.max}); address default /tick
                    (default: ${DEFAULT_TARGETS.join(' and ')}, the seed's Pd and Python ports)
  --count N         stop after N beats (default: until Ctrl-C)
  --accent N        accent every N beats, ${accentEvery.min}-${accentEvery.max} (extended format only carries it)
  --extended        add beat number, accent, send time and mode to each tick (Syncroscope peers);
                    the default sends exactly one string "tick", which python-osc and Pd expect
  --lookahead MS    forward mode: send each bundle this much earlier than its beat, ${lookaheadMs.min}-${lookaheadMs.max} ms
  --json            one JSON object per beat on stdout
${CLOCK_SKEW_USAGE}
Each target gets its own socket, connected to it: it answers that target's clock pings (so
Syncroscope receivers read its timetags in its clock) and hears when nothing listens there
("port unreachable"), which is said once; the ticks keep going until a receiver starts.`;

const describeBeat = (b: BeatEvent, isJson: boolean): string => {
  const leadMs = b.timetag === null ? null : ntpDiffMs(b.timetag, b.beatNtp);
  if (isJson) {
    return JSON.stringify({
      beat: b.n,
      accent: b.accent,
      mode: b.mode,
      beat_time: ntpToHex(b.beatNtp),
      timetag: b.timetag === null ? null : ntpToHex(b.timetag),
      sent: b.sentMs / 1000,
    });
  }
  const tag =
    b.timetag === null
      ? 'plain message'
      : `timetag ${ntpToHex(b.timetag)} (beat +${leadMs!.toFixed(3)} ms)`;
  return `beat ${String(b.n).padStart(5)}${b.accent ? ' ACCENT' : '       '} sent ${new Date(b.sentMs).toISOString()} ${tag}`;
};

/**
 * The sockets the ticks leave from: one connected socket per target host:port (see
 * connected-sender.ts), and a shared one for broadcast and multicast targets.
 */
async function openSockets(targets: readonly MetronomeTarget[], ctx: CliContext) {
  const connected = new Map<string, ConnectedSender>();
  for (const { host, port } of targets) {
    const where = `${host}:${port}`;
    if (connected.has(where) || !isConnectable(host)) continue;
    const sender = createConnectedSender({
      clock: ctx.clock,
      host,
      port,
      answer: (bytes, _from, arrivalMs) => clockPongForDatagram(bytes, arrivalMs, ctx.clock),
      onProblem: (problem) =>
        ctx.err(
          problem === null
            ? `[metronome] ${where} no longer refuses the ticks`
            : `[metronome] ${problem}; still sending`,
        ),
    });
    connected.set(where, sender);
  }
  let shared: UdpEndpoint | null = null;
  if (targets.some((t) => !isConnectable(t.host))) {
    shared = createUdpEndpoint({ clock: ctx.clock, host: '0.0.0.0', port: 0 });
    answerClockPings(shared, ctx.clock);
    await shared.bind();
  }
  return {
    send: (bytes: Uint8Array, host: string, port: number): Promise<void> =>
      connected.get(`${host}:${port}`)?.send(bytes) ?? shared!.send(bytes, host, port),
    close: async (): Promise<void> => {
      await Promise.all([...connected.values()].map((c) => c.dispose()));
      await shared?.close();
    },
  };
}

/** `syncroscope metronome`. */
export const metronome: Command = {
  isTimed: true,
  summary: 'send ticks every beat: immediate, offset (timetag) or forward-synchronized',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string', default: 'forward' },
        bpm: { type: 'string', default: String(DEFAULT_METRONOME_SETTINGS.bpm) },
        offset: { type: 'string', default: String(DEFAULT_METRONOME_SETTINGS.offsetMs) },
        target: { type: 'string', multiple: true },
        count: { type: 'string' },
        accent: { type: 'string', default: '0' },
        extended: { type: 'boolean', default: false },
        lookahead: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const format = values.extended ? 'extended' : 'seed';
    const targets: MetronomeTarget[] = (values.target ?? DEFAULT_TARGETS).map((t) => ({
      ...parseTarget(t, '/tick'),
      format,
    }));
    const count =
      values.count === undefined ? Infinity : parseNumber(values.count, '--count', 1, 1e9);
    if (!Number.isInteger(count) && count !== Infinity)
      throw new UsageError(`--count must be a whole number`);
    const settings = validateMetronomeSettings({
      mode: values.mode,
      bpm: parseRange(values.bpm, '--bpm', bpm),
      offsetMs: parseRange(values.offset, '--offset', offsetMs),
      accentEvery: parseRange(values.accent, '--accent', accentEvery),
      targets,
      ...(values.lookahead === undefined
        ? {}
        : { lookaheadMs: parseRange(values.lookahead, '--lookahead', lookaheadMs) }),
    });

    const sockets = await openSockets(targets, ctx);
    // Each target's trouble is said when it starts, changes or ends, not on every beat.
    const troubles = new Map<string, string>();
    const done = new AbortController();
    let beats = 0;
    const m = createMetronome(
      {
        clock: ctx.clock,
        scheduler: ctx.scheduler,
        send: (bytes, host, port) =>
          sockets.send(bytes, host, port).then(() => {
            if (troubles.delete(`${host}:${port}`))
              ctx.err(`[metronome] ${host}:${port}: sending again`);
          }),
        onBeat: (b) => {
          ctx.out(describeBeat(b, values.json));
          if (++beats >= count) {
            m.stop();
            done.abort();
          }
        },
        onError: (e, target) => {
          const message = (e as Error).message;
          if (!target) return ctx.err(`[metronome] ${message}`);
          const where = `${target.host}:${target.port}`;
          if (troubles.get(where) === message) return;
          troubles.set(where, message);
          ctx.err(`[metronome] ${where}: ${message}`);
        },
      },
      settings,
    );
    const where = targets.map((t) => `${t.host}:${t.port}${t.address}`).join(', ');
    ctx.err(
      `[metronome] ${settings.mode} at ${settings.bpm} BPM, offset ${settings.offsetMs} ms, ${format} format -> ${where} (Ctrl-C to stop)`,
    );
    m.start();
    await Promise.race([untilAborted(ctx.signal), untilAborted(done.signal)]);
    m.dispose();
    // Let the last datagrams leave before the socket closes.
    await new Promise((r) => setTimeout(r, 20));
    await sockets.close();
    const c = m.counters();
    ctx.err(
      `[metronome] ${c.beats} beats, ${c.packets} packets, ${c.sendErrors} send errors, ${c.skippedBeats} skipped`,
    );
    return 0;
  },
};
