/** `syncroscope timecode client`: the SMPTE client on the command line (the seed's osc_client.py). */
import { parseArgs } from 'node:util';
import { ntpToHex, ntpToUnixMs } from '../../shared/osc/timetag';
import {
  CUE_PORT,
  DEFAULT_TIMECODE_SETTINGS,
  FRAME_RATE_NAMES,
  TIMECODE_ADDRESS,
  TIMECODE_CHASE,
  TIMECODE_LIMITS,
  TIMECODE_PORT,
} from '../../shared/timecode';
import {
  createTimecodeClient,
  frameMs,
  type ClientReceived,
  type ClientSentCue,
} from '../engine/timecode';
import { parseHostPort, parsePort, UsageError } from './args';
import { untilAborted, type Command } from './context';
import { jsonArg } from './json-args';
import { parseCount, parseCueOption, parseTimebase } from './timecode-args';
import { openTimecodeSocket } from './timecode-socket';

const { lockFrames, toleranceFrames, freewheelAfterFrames, lostAfterMs } = TIMECODE_CHASE;

const usage = `usage: syncroscope timecode client [--listen PORT] [--to HOST:PORT] [--fps R] [--df]
                                 [--cue LABEL=/address,arg...]... [--json] [--count N]

Listens for /sync/timecode, chases it and keeps counting frames on its own clock between
messages. It is locked after ${lockFrames} frames in a row within ${toleranceFrames} frame of its estimate, freewheels after
${freewheelAfterFrames} frames without one, and is lost after ${lostAfterMs} ms (or while a jump is not yet confirmed).
A frame's instant is its bundle timetag, or its arrival when plain.
  --listen PORT   UDP port for timecode (default ${TIMECODE_PORT}; 0 = any free port)
  --to HOST:PORT  where cues go: the master (default 127.0.0.1:${CUE_PORT})
  --fps R         the master's rate: ${FRAME_RATE_NAMES.join(', ')} (default ${DEFAULT_TIMECODE_SETTINGS.rate})
  --df            drop-frame counting (29.97 and 59.94 only)
  --cue C         LABEL=/address,arg,...: at LABEL (per the client's estimate) send /address with the
                  arguments in a bundle timetagged that frame's instant; an address ending in _tc
                  also carries the label (the seed's convention); repeatable (at most ${TIMECODE_LIMITS.cueList.max}), e.g.
                  --cue "00:00:10:00=/cue/lighting,Scene Bright"
  --json          JSON lines on stdout, one per timecode received and per cue sent:
                    {"type":"timecode","label","frame","estimate_label","error_frames","error_ms",
                     "state","instant","timetag","arrival","from"}
                    {"type":"cue","id","address","args","label","timetag","sent","error_ms","error_frames"}
                  error_*: received minus the estimate (positive = came early); for a cue, how late
                  it was sent after its frame's instant; instant, timetag: NTP hex (timetag null when
                  plain); arrival, sent: Unix seconds; state: locked, freewheel or lost
  --count N       stop after N timecodes received (default: until Ctrl-C)
State changes go to stderr.`;

const sign = (n: number): string => (n >= 0 ? '+' : '');

const timecodeLine = (r: ClientReceived, isJson: boolean): string => {
  if (isJson) {
    return JSON.stringify({
      type: 'timecode',
      label: r.text,
      frame: r.frame,
      estimate_label: r.estimateLabel,
      error_frames: r.errorFrames,
      error_ms: r.errorMs,
      state: r.state,
      instant: ntpToHex(r.instantNtp),
      timetag: r.timetag === null ? null : ntpToHex(r.timetag),
      arrival: r.arrivalMs / 1000,
      from: r.source,
    });
  }
  const error = `${sign(r.errorFrames)}${r.errorFrames.toFixed(3)} frames (${sign(r.errorMs)}${r.errorMs.toFixed(3)} ms)`;
  return `${r.text} ${r.state.padEnd(9)} error ${error} estimate ${r.estimateLabel} from ${r.source}`;
};

const cueLine = (c: ClientSentCue, oneFrameMs: number, isJson: boolean): string => {
  const lateMs = c.timetag === null ? null : c.sentMs - ntpToUnixMs(c.timetag);
  if (isJson) {
    return JSON.stringify({
      type: 'cue',
      id: c.cueId,
      address: c.address,
      args: c.args.map(jsonArg),
      label: c.label,
      timetag: c.timetag === null ? null : ntpToHex(c.timetag),
      sent: c.sentMs / 1000,
      error_ms: lateMs,
      error_frames: lateMs === null ? null : lateMs / oneFrameMs,
    });
  }
  const args = c.args.map((a) => JSON.stringify(jsonArg(a))).join(' ');
  const tag = c.timetag === null ? 'plain' : `timetag ${ntpToHex(c.timetag)}`;
  return `sent ${c.address} ${args} at ${c.label ?? 'no timecode'} (${tag})`;
};

/** `syncroscope timecode client`. */
export const timecodeClient: Command = {
  isTimed: true,
  summary: 'chase SMPTE timecode and send cues at labels',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        listen: { type: 'string', default: String(TIMECODE_PORT) },
        to: { type: 'string', default: `127.0.0.1:${CUE_PORT}` },
        fps: { type: 'string', default: DEFAULT_TIMECODE_SETTINGS.rate },
        df: { type: 'boolean', default: false },
        cue: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        count: { type: 'string' },
      },
    });
    const timebase = parseTimebase(values.fps, values.df);
    const listenPort = parsePort(values.listen, '--listen', true);
    const to = parseHostPort(values.to, '--to');
    const cueList = (values.cue ?? []).map((c, i) => parseCueOption(timebase, c, i));
    if (cueList.length > TIMECODE_LIMITS.cueList.max) {
      throw new UsageError(`at most ${TIMECODE_LIMITS.cueList.max} --cue`);
    }
    const count = parseCount(values.count);
    const isJson = values.json;
    const oneFrameMs = frameMs(timebase.rate);

    const socket = await openTimecodeSocket(ctx, listenPort, 'timecode client');
    const done = new AbortController();
    let heard = 0;
    const client = createTimecodeClient(
      {
        clock: ctx.clock,
        scheduler: ctx.scheduler,
        send: (bytes) => socket.endpoint.send(bytes, to.host, to.port),
        onReceived: (r) => {
          if (heard >= count) return; // the socket closes in a moment: N lines, not N + 1
          ctx.out(timecodeLine(r, isJson));
          if (++heard >= count) done.abort();
        },
        onCue: (c) => ctx.out(cueLine(c, oneFrameMs, isJson)),
        onState: (state) => ctx.err(`[timecode client] ${state}`),
        onError: (e) => ctx.err(`[timecode client] ${(e as Error).message}`),
      },
      { timebase, dropFrameSeparator: false, cueList },
    );
    socket.router.add(TIMECODE_ADDRESS, {
      onArrival: (m) =>
        void client.receive(m.message, m.timetag, m.arrivalMs, `${m.from.address}:${m.from.port}`),
    });
    ctx.err(
      `[timecode client] ${timebase.name} fps, listening on port ${socket.address.port}, cues -> ${to.host}:${to.port} (Ctrl-C to stop)`,
    );
    await Promise.race([untilAborted(ctx.signal), untilAborted(done.signal)]);
    client.dispose();
    await new Promise((r) => setTimeout(r, 20)); // let the last cues leave
    await socket.close();
    const c = client.counters();
    ctx.err(
      `[timecode client] ${c.framesReceived} frames received, ${c.badLabels} bad labels, ${c.cuesSent} cues sent, ${c.sendErrors} send errors`,
    );
    return 0;
  },
};
