/**
 * THE contract between the engine's hosts (Electron main, web host) and the renderer: every
 * command, pushed state and stream, with its zod schema. Both hosts implement exactly this table.
 * To add a domain (metronome:*, relay:*, measurements), write its schemas in `domains/` and add
 * entries here; types, validation, IPC registration and the WebSocket follow from the table.
 */
import { command, defineContract, state, stream } from './define';
import { emptySchema } from './domains/common';
import { engineSnapshotSchema } from './domains/engine';
import { oscSendResultSchema, oscSendSchema } from './domains/osc';
import { receiverStartSchema } from './domains/receiver';
import { logItemSchema, malformedItemSchema, messageItemSchema } from './domains/streams';

/** The contract table. */
export const contract = defineContract({
  commands: {
    'engine:get': command(emptySchema, engineSnapshotSchema),
    'receiver:start': command(receiverStartSchema, engineSnapshotSchema),
    'receiver:stop': command(emptySchema, engineSnapshotSchema),
    'osc:send': command(oscSendSchema, oscSendResultSchema),
  },
  states: {
    'engine:changed': state(engineSnapshotSchema, 'engine:get'),
  },
  streams: {
    'stream:messages': stream(messageItemSchema, { maxPerFrame: 500 }),
    'stream:malformed': stream(malformedItemSchema, { maxPerFrame: 100 }),
    'stream:log': stream(logItemSchema, { maxPerFrame: 200 }),
  },
});
