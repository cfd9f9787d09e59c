/**
 * THE contract between the engine's hosts (Electron main, web host) and the renderer: every
 * command, pushed state and stream, with its zod schema. Both hosts implement exactly this table.
 * To add a domain (relay:*, clock:*), write its schemas in `domains/` and add entries here;
 * types, validation, IPC registration and the WebSocket follow from the table.
 */
import { command, defineContract, state, stream, timedStream } from './define';
import { emptySchema } from './domains/common';
import { engineSnapshotSchema } from './domains/engine';
import { measurementsCsvSchema, measurementsSnapshotSchema } from './domains/measurements';
import { metronomeSnapshotSchema, metronomeUpdateSchema } from './domains/metronome';
import { oscSendResultSchema, oscSendSchema } from './domains/osc';
import { receiverStartSchema } from './domains/receiver';
import { logItemSchema, malformedItemSchema, messageItemSchema } from './domains/streams';
import { sampleItemSchema, tickItemSchema } from './domains/ticks';

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
  },
  states: {
    'engine:changed': state(engineSnapshotSchema, 'engine:get'),
    'metronome:changed': state(metronomeSnapshotSchema, 'metronome:get'),
    /** Pushed at most ~4 times a second. */
    'measurements:changed': state(measurementsSnapshotSchema, 'measurements:get'),
  },
  streams: {
    'stream:messages': stream(messageItemSchema, { maxPerFrame: 500 }),
    'stream:malformed': stream(malformedItemSchema, { maxPerFrame: 100 }),
    'stream:log': stream(logItemSchema, { maxPerFrame: 200 }),
    /** Every accepted tick on arrival, ahead of its play time (for look-ahead audio). */
    'stream:ticks': timedStream(tickItemSchema, { maxPerFrame: 200 }),
    /** One per dispatched tick (the live plot). */
    'stream:samples': stream(sampleItemSchema, { maxPerFrame: 500 }),
  },
});
