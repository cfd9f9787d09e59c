/** `syncroscope timecode master`: the SMPTE master on the command line (the seed's osc_server.py). */
import { parseArgs } from 'node:util';
import { ntpToHex } from '../../shared/osc/timetag';
import {
  CUE_ADDRESS_PATTERNS,
  CUE_PORT,
  DEFAULT_START_LABEL,
  DEFAULT_TIMECODE_SETTINGS,
  FRAME_RATE_NAMES,
  TIMECODE_LIMITS,
  TIMECODE_PORT,
  wrapFrame,
} from '../../shared/timecode';
import {
  createTimecodeMaster,
  describeCue,
  type CueRecord,
  type MasterFrame,
} from '../engine/timecode';
import { parseHostPort, parsePort, parseRange, UsageError } from './args';
import { untilAborted, type Command } from './context';
import { parseCount, parseLabelOption, parseTimebase } from './timecode-args';
import { openTimecodeSocket } from './timecode-socket';

const { forwardMs } = TIMECODE_LIMITS;

const usage = `usage: syncroscope timecode master [--fps R] [--df] [--listen PORT] [--to HOST:PORT]...
                                 [--forward MS] [--start LABEL] [--json] [--count N]

Sends /sync/timecode "HH:MM:SS:FF" every frame to each --to, frame k exactly k frame durations
after the start, and prints every /cue/* and /trigger/* it receives with its own timecode then
(at the cue's timetag if it has one), the label the sender attached and the difference.
  --fps R          ${FRAME_RATE_NAMES.join(', ')} (default ${DEFAULT_TIMECODE_SETTINGS.rate})
  --df             drop-frame counting (29.97 and 59.94 only)
  --listen PORT    UDP port for cues and triggers (default ${CUE_PORT}; 0 = any free port)
  --to HOST:PORT   where frames go, repeatable (default 127.0.0.1:${TIMECODE_PORT}); broadcast allowed
  --forward MS     forward-synchronized: each frame in a bundle timetagged its instant + MS,
                   sent at its instant, so every client shows it MS later, alike (${forwardMs.min}-${forwardMs.max})
  --start LABEL    the first label (default ${DEFAULT_START_LABEL})
  --json           JSON lines on stdout, one per frame sent and per cue received:
                     {"type":"frame","frame","label","instant","timetag","sent"}
                     {"type":"cue","address","text","master_label","sender_label","diff_frames",
                      "diff_ms","timetag","arrival","from"}
                   frame: of the day; instant, timetag: NTP hex (timetag null when plain);
                   sent, arrival: Unix seconds; diff_*: master minus sender (null without both)
  --count N        stop after N frames (default: until Ctrl-C)
Without --json only cues are printed; a summary goes to stderr at the end.`;

const frameLine = (f: MasterFrame, frameOfDay: number): string =>
  JSON.stringify({
    type: 'frame',
    frame: frameOfDay,
    label: f.label,
    instant: ntpToHex(f.instantNtp),
    timetag: f.timetag === null ? null : ntpToHex(f.timetag),
    sent: f.sentMs / 1000,
  });

const cueLine = (c: CueRecord, isJson: boolean): string => {
  if (isJson) {
    return JSON.stringify({
      type: 'cue',
      address: c.address,
      text: c.text,
      master_label: c.masterLabel,
      sender_label: c.senderLabel,
      diff_frames: c.diffFrames,
      diff_ms: c.diffMs,
      timetag: c.timetag,
      arrival: c.arrivalMs / 1000,
      from: c.source,
    });
  }
  const text = c.text === null ? '' : ` "${c.text}"`;
  const sender = c.senderLabel === null ? '' : `, sender ${c.senderLabel}`;
  const sign = (n: number) => (n >= 0 ? '+' : '');
  const diff =
    c.diffFrames === null || c.diffMs === null
      ? ''
      : ` (${sign(c.diffFrames)}${c.diffFrames} frames, ${sign(c.diffMs)}${c.diffMs.toFixed(3)} ms)`;
  const tag = c.timetag === null ? '' : ` timetag ${c.timetag}`;
  return `${new Date(c.arrivalMs).toISOString()} ${c.address}${text} from ${c.source}: master ${c.masterLabel ?? 'stopped'}${sender}${diff}${tag}`;
};

/** `syncroscope timecode master`. */
export const timecodeMaster: Command = {
  isTimed: true,
  summary: 'send SMPTE timecode every frame and print the cues that come back',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        fps: { type: 'string', default: DEFAULT_TIMECODE_SETTINGS.rate },
        df: { type: 'boolean', default: false },
        listen: { type: 'string', default: String(CUE_PORT) },
        to: { type: 'string', multiple: true },
        forward: { type: 'string' },
        start: { type: 'string', default: DEFAULT_START_LABEL },
        json: { type: 'boolean', default: false },
        count: { type: 'string' },
      },
    });
    const timebase = parseTimebase(values.fps, values.df);
    const listenPort = parsePort(values.listen, '--listen', true);
    const targets = (values.to ?? [`127.0.0.1:${TIMECODE_PORT}`]).map((t) =>
      parseHostPort(t, '--to'),
    );
    if (targets.length > TIMECODE_LIMITS.targets.max) {
      throw new UsageError(`at most ${TIMECODE_LIMITS.targets.max} --to targets`);
    }
    const offsetMs =
      values.forward === undefined ? null : parseRange(values.forward, '--forward', forwardMs);
    const startFrame = parseLabelOption(timebase, values.start, '--start');
    const count = parseCount(values.count);
    const isJson = values.json;

    const socket = await openTimecodeSocket(ctx, listenPort, 'timecode master');
    const done = new AbortController();
    let frames = 0;
    const master = createTimecodeMaster(
      {
        clock: ctx.clock,
        scheduler: ctx.scheduler,
        send: (bytes, host, port) => socket.endpoint.send(bytes, host, port),
        onFrame: (f) => {
          if (isJson) ctx.out(frameLine(f, wrapFrame(timebase, f.frame)));
          if (++frames >= count) {
            master.stop();
            done.abort();
          }
        },
        onError: (e, target) =>
          ctx.err(
            `[timecode master] ${target ? `${target.host}:${target.port}: ` : ''}${(e as Error).message}`,
          ),
      },
      {
        timebase,
        sendMode: offsetMs === null ? 'plain' : 'forward',
        forwardMs: offsetMs ?? 0,
        wireFormat: 'seed',
        dropFrameSeparator: false,
        targets,
        startFrame,
      },
    );
    let cues = 0;
    socket.router.add(CUE_ADDRESS_PATTERNS, {
      onArrival: (m) => {
        cues++;
        ctx.out(cueLine(describeCue(m, timebase, master.positionAt), isJson));
      },
    });
    const mode = offsetMs === null ? 'plain' : `forward, F = ${offsetMs} ms`;
    const where = targets.map((t) => `${t.host}:${t.port}`).join(', ');
    ctx.err(
      `[timecode master] ${timebase.name} fps from ${values.start}, ${mode} -> ${where}; cues on port ${socket.address.port} (Ctrl-C to stop)`,
    );
    master.start();
    await Promise.race([untilAborted(ctx.signal), untilAborted(done.signal)]);
    master.dispose();
    await new Promise((r) => setTimeout(r, 20)); // let the last datagrams leave
    await socket.close();
    const c = master.counters();
    ctx.err(
      `[timecode master] ${c.framesSent} frames, ${c.packets} packets, ${c.sendErrors} send errors, ${c.skippedFrames} skipped, ${cues} cues received`,
    );
    return 0;
  },
};
