/**
 * THE contract between the engine's hosts (Electron main, web host) and the renderer: every
 * command, pushed state and stream, with its zod schema. Both hosts implement exactly this table.
 * To add a domain (relay:*, clock:*), write its schemas in `domains/` and add entries here;
 * types, validation, IPC registration and the WebSocket follow from the table.
 */
import { command, defineContract, state, stream, timedStream } from './define';
import { clockNowSchema, clockSnapshotSchema } from './domains/clock';
import { emptySchema } from './domains/common';
import { engineSnapshotSchema } from './domains/engine';
import { measurementsCsvSchema, measurementsSnapshotSchema } from './domains/measurements';
import { metronomeSnapshotSchema, metronomeUpdateSchema } from './domains/metronome';
import { oscSendResultSchema, oscSendSchema } from './domains/osc';
import { peersAdvertiseSchema, peersSnapshotSchema } from './domains/peers';
import { receiverStartSchema } from './domains/receiver';
import { logItemSchema, malformedItemSchema, messageItemSchema } from './domains/streams';
import { sampleItemSchema, tickItemSchema } from './domains/ticks';
import {
  cueLogItemSchema,
  timecodeCueResultSchema,
  timecodeCueSchema,
  timecodeErrorItemSchema,
  timecodeFrameItemSchema,
  timecodeLocateSchema,
  timecodeSnapshotSchema,
  timecodeUpdateSchema,
} from './domains/timecode';

/** The contract table. */
export const contract = defineContract({
  commands: {
    'engine:get': command(emptySchema, engineSnapshotSchema),
    'receiver:start': command(receiverStartSchema, engineSnapshotSchema),
    'receiver:stop': command(emptySchema, engineSnapshotSchema),
    'osc:send': command(oscSendSchema, oscSendResultSchema),
    'metronome:get': command(emptySchema, metronomeSnapshotSchema),
    /** Beat 0 = now. */
    'metronome:start': command(emptySchema, metronomeSnapshotSchema),
    'metronome:stop': command(emptySchema, metronomeSnapshotSchema),
    /** While running, applies from the next unsent beat; a bad value answers code 'invalid'. */
    'metronome:update': command(metronomeUpdateSchema, metronomeSnapshotSchema),
    'measurements:get': command(emptySchema, measurementsSnapshotSchema),
    'measurements:reset': command(emptySchema, measurementsSnapshotSchema),
    'measurements:csv': command(emptySchema, measurementsCsvSchema),
    /** Every peer clock the engine has pinged (its senders, found on arrival), and its own skew. */
    'clock:get': command(emptySchema, clockSnapshotSchema),
    /** The engine's clock now (for the page's own clock sync: t2 = t3 = engineMs). */
    'clock:now': command(emptySchema, clockNowSchema),
    'peers:get': command(emptySchema, peersSnapshotSchema),
    /** Advertise the receiver over mDNS while it listens (on by default where mDNS runs). */
    'peers:advertise': command(peersAdvertiseSchema, peersSnapshotSchema),
    'timecode:get': command(emptySchema, timecodeSnapshotSchema),
    /** Role, rate, targets, cue list...; a rate change re-anchors a running master at its label. */
    'timecode:update': command(timecodeUpdateSchema, timecodeSnapshotSchema),
    /** The master (role master or pair) runs from where it stands: start label, locate or pause. */
    'timecode:start': command(emptySchema, timecodeSnapshotSchema),
    /** Back to the start label. */
    'timecode:stop': command(emptySchema, timecodeSnapshotSchema),
    'timecode:pause': command(emptySchema, timecodeSnapshotSchema),
    'timecode:locate': command(timecodeLocateSchema, timecodeSnapshotSchema),
    /** The client (role client or pair) sends one cue now, timetagged at its current frame. */
    'timecode:cue': command(timecodeCueSchema, timecodeCueResultSchema),
  },
  states: {
    'engine:changed': state(engineSnapshotSchema, 'engine:get'),
    'metronome:changed': state(metronomeSnapshotSchema, 'metronome:get'),
    /** Pushed at most ~4 times a second. */
    'measurements:changed': state(measurementsSnapshotSchema, 'measurements:get'),
    /** On each answered ping and each change of a peer's state. */
    'clock:changed': state(clockSnapshotSchema, 'clock:get'),
    /** When a peer appears, changes or goes, or advertising changes. */
    'peers:changed': state(peersSnapshotSchema, 'peers:get'),
    'timecode:changed': state(timecodeSnapshotSchema, 'timecode:get'),
  },
  streams: {
    'stream:messages': stream(messageItemSchema, { maxPerFrame: 500 }),
    'stream:malformed': stream(malformedItemSchema, { maxPerFrame: 100 }),
    'stream:log': stream(logItemSchema, { maxPerFrame: 200 }),
    /** Every accepted tick on arrival, ahead of its play time (for look-ahead audio). */
    'stream:ticks': timedStream(tickItemSchema, { maxPerFrame: 200 }),
    /** One per dispatched tick (the live plot). */
    'stream:samples': stream(sampleItemSchema, { maxPerFrame: 500 }),
    /** Frames to show at their instant: the master's as sent, the client's as it counts them. */
    'stream:timecode-frames': timedStream(timecodeFrameItemSchema, { maxPerFrame: 64 }),
    /** One per frame the client received: its error against the client's estimate. */
    'stream:timecode-errors': stream(timecodeErrorItemSchema, { maxPerFrame: 120 }),
    /** Every cue and trigger the master received, with both sides' labels. */
    'stream:cue-log': stream(cueLogItemSchema, { maxPerFrame: 100 }),
  },
});
