/** The `receiver:*` domain: listen for OSC on a UDP port, or stop. */
import { z } from 'zod';
import { hostSchema, listenPortSchema } from './common';
import { latePolicySchema } from './engine';

/** `receiver:start`: where to listen (127.0.0.1 unless asked) and the late policy. */
export const receiverStartSchema = z.strictObject({
  host: hostSchema.default('127.0.0.1'),
  port: listenPortSchema,
  latePolicy: latePolicySchema.default('play'),
});
