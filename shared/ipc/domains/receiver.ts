/** The `receiver:*` domain: listen for OSC on a UDP port, or stop. */
import { z } from 'zod';
import { compileAddressPattern } from '../../osc/pattern';
import { hostSchema, listenPortSchema } from './common';
import { DEFAULT_TICK_PATTERNS } from '../../model/defaults';
import { latePolicySchema } from './engine';

/** An OSC address pattern the receiver can compile ('/tick', '/py*', '/{pd,py}'). */
const tickPatternSchema = z
  .string()
  .max(256)
  .superRefine((pattern, ctx) => {
    try {
      compileAddressPattern(pattern);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** `receiver:start`: where to listen (127.0.0.1 unless asked), the late policy, the tick addresses. */
export const receiverStartSchema = z.strictObject({
  host: hostSchema.default('127.0.0.1'),
  port: listenPortSchema,
  latePolicy: latePolicySchema.default('play'),
  /** Messages to these addresses are ticks (stream:ticks, measurements); all go to stream:messages. */
  patterns: z
    .array(tickPatternSchema)
    .max(32)
    .default(() => [...DEFAULT_TICK_PATTERNS]),
});
