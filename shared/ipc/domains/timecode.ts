/**
 * The `timecode:*` domain: the SMPTE master (sends one `/sync/timecode` per frame, plain as the
 * seed does or forward-synchronized), the client (chases what it receives, freewheels between
 * messages, sends cues), and the two together on one engine ('pair', for one laptop). Ranges,
 * defaults and the chase thresholds come from the model (shared/timecode/settings.ts); a label
 * the rate does not have is refused here, at its field.
 */
import { z } from 'zod';
import { jsonArgsSchema } from '../args-json';
import {
  DEFAULT_TIMECODE_SETTINGS,
  FRAME_RATE_NAMES,
  TIMECODE_LIMITS,
  TIMECODE_ROLES,
  TIMECODE_SEND_MODES,
  TimecodeError,
  createTimebase,
  parseFrame,
  type Timebase,
} from '../../timecode';
import {
  oscAddressField,
  rangedNumber,
  targetHostField,
  targetIdField,
  targetPortField,
} from '../../model';
import { timedItemShape } from './common';
import { targetImpairmentSchema } from './metronome';

const { forwardMs, targets, cueList, cueId } = TIMECODE_LIMITS;

/** off; master (sends frames, logs cues); client (chases frames, sends cues); pair (both). */
export const timecodeRoleSchema = z.enum(
  TIMECODE_ROLES,
  'the role must be off, master, client or pair',
);
/** See {@link timecodeRoleSchema}. */
export type TimecodeRole = z.infer<typeof timecodeRoleSchema>;

/** plain: the seed's message when the frame is due; forward: a bundle at frame instant + F, sent F ahead. */
export const timecodeSendModeSchema = z.enum(
  TIMECODE_SEND_MODES,
  'the send mode must be plain or forward',
);

/** Where the master sends frames (the client's port, maybe through an impairment relay). */
export const timecodeTargetSchema = z.strictObject({
  id: targetIdField,
  host: targetHostField,
  port: targetPortField,
  impairment: targetImpairmentSchema,
});
/** See {@link timecodeTargetSchema}. */
export type TimecodeTarget = z.infer<typeof timecodeTargetSchema>;

/** One cue of the client's list: at `label`, send `address` with `args` (and the label if asked). */
export const cueListEntrySchema = z.strictObject({
  id: z
    .string('the id must be text')
    .refine(
      (id) => id.trim() !== '' && id.length <= cueId.maxLength,
      `the id must be 1 to ${cueId.maxLength} characters`,
    ),
  /** HH:MM:SS:FF in the client's rate (checked against it with the whole settings). */
  label: z.string('the label must be text such as 00:00:10:00'),
  address: oscAddressField,
  args: jsonArgsSchema,
  withTimecode: z.boolean(),
});
/** See {@link cueListEntrySchema}. */
export type CueListEntry = z.infer<typeof cueListEntrySchema>;

/** Ids used once in a list: errors land beside one row. */
function uniqueIds<T extends { id: string }>(what: string) {
  return (list: readonly T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `the id "${item.id}" is used by another ${what}`,
        });
      }
      seen.add(item.id);
    });
  };
}

/** The settings' fields, each checked alone (`timecode:update` takes any subset of them). */
const timecodeSettingsFields = z.strictObject({
  role: timecodeRoleSchema,
  rate: z.enum(FRAME_RATE_NAMES, `the rate must be one of ${FRAME_RATE_NAMES.join(', ')}`),
  /** Drop-frame counting (29.97 and 59.94 only). */
  dropFrame: z.boolean(),
  /** Labels written with ';' before the frames at drop-frame (the seed always writes ':'). */
  dropFrameSeparator: z.boolean(),
  sendMode: timecodeSendModeSchema,
  /** The forward offset F of forward-synchronized frames. */
  forwardMs: rangedNumber(
    forwardMs,
    `the forward offset must be between ${forwardMs.min} and ${forwardMs.max} ms`,
  ),
  /** 'seed': one string "HH:MM:SS:FF"; 'extended' adds frame, rate, drop-frame, frame instant. */
  wireFormat: z.enum(['seed', 'extended'], 'the wire format must be seed or extended'),
  /** The master's label at start (and after stop). */
  startLabel: z.string('the start label must be text such as 00:00:00:00'),
  /** The master's targets ('pair' sends to this engine's receiver instead, with targets[0]'s impairment). */
  targets: z
    .array(timecodeTargetSchema, 'targets must be a list')
    .max(targets.max, `at most ${targets.max} targets`)
    .superRefine(uniqueIds('target')),
  /** Allow broadcast addresses among the targets (the seed "broadcasts"). */
  broadcast: z.boolean(),
  /** Where the client sends cues and triggers (the master's port; the seed's is 5005). */
  cueTarget: z.strictObject({ host: targetHostField, port: targetPortField }),
  cueList: z
    .array(cueListEntrySchema, 'the cue list must be a list')
    .max(cueList.max, `at most ${cueList.max} cues`)
    .superRefine(uniqueIds('cue')),
});

/** The timebase the settings name, or null when drop-frame is asked at a rate without it. */
export function settingsTimebase(s: { rate: string; dropFrame: boolean }): Timebase | null {
  try {
    return createTimebase(s.rate, s.dropFrame);
  } catch (error) {
    if (error instanceof TimecodeError) return null;
    throw error;
  }
}

/** Everything the timecode roles need, with the labels checked against the rate. */
export const timecodeSettingsSchema = timecodeSettingsFields.superRefine((s, ctx) => {
  const tb = settingsTimebase(s);
  if (tb === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['dropFrame'],
      message: `drop-frame exists only at 29.97 and 59.94 fps, not at ${s.rate} fps`,
    });
    return;
  }
  const check = (label: string, path: (string | number)[], what: string): void => {
    try {
      parseFrame(tb, label);
    } catch (error) {
      if (!(error instanceof TimecodeError)) throw error;
      ctx.addIssue({ code: 'custom', path, message: `${what}: ${error.message}` });
    }
  };
  check(s.startLabel, ['startLabel'], 'the start label');
  s.cueList.forEach((cue, i) => check(cue.label, ['cueList', i, 'label'], `cue ${i + 1}`));
});
/** See {@link timecodeSettingsSchema}. */
export type TimecodeSettings = z.infer<typeof timecodeSettingsSchema>;

/** `timecode:update`: any subset; `targets` and `cueList`, when given, replace their lists. */
export const timecodeUpdateSchema = timecodeSettingsFields.partial();

/** `timecode:locate`: move the master to a label (running or not). */
export const timecodeLocateSchema = z.strictObject({
  label: z.string('the label must be text such as 01:00:00:00'),
});

/** `timecode:cue`: the client sends one cue or trigger now, timetagged at the current frame. */
export const timecodeCueSchema = z.strictObject({
  address: oscAddressField,
  args: jsonArgsSchema.default([]),
  withTimecode: z.boolean().default(false),
});

/** What `timecode:cue` put on the wire. */
export const timecodeCueResultSchema = z.strictObject({
  /** The label attached (or the client's label at sending when none was attached); null if stopped. */
  label: z.string().nullable(),
  /** The bundle's timetag as NTP hex, or null for a plain message. */
  timetag: z.string().nullable(),
});

const count = z.int().min(0);

/** The client's view of the master's time. */
export const clientLockStateSchema = z.enum(['stopped', 'locked', 'freewheel', 'lost']);
/** See {@link clientLockStateSchema}. */
export type ClientLockState = z.infer<typeof clientLockStateSchema>;

/** `timecode:get` and every timecode command answer it; `timecode:changed` pushes it. */
export const timecodeSnapshotSchema = z.strictObject({
  settings: timecodeSettingsSchema,
  master: z.strictObject({
    state: z.enum(['stopped', 'running', 'paused']),
    /** The last frame sent (of the day) and its label; null before the first. */
    frame: z.int().min(0).nullable(),
    label: z.string().nullable(),
    framesSent: count,
    sendErrors: count,
    /** Frames skipped because their moment had passed (a stalled machine). */
    skippedFrames: count,
    cuesReceived: count,
  }),
  client: z.strictObject({
    state: clientLockStateSchema,
    /** The client's own estimate now (it freewheels between messages); null when stopped. */
    frame: z.int().min(0).nullable(),
    label: z.string().nullable(),
    framesReceived: count,
    /** Timecode messages whose label the client's rate does not have. */
    badLabels: count,
    /** The last received frame minus the client's estimate for it, in frames and ms. */
    lastErrorFrames: z.number().nullable(),
    lastErrorMs: z.number().nullable(),
    /** "address:port" of the master heard last. */
    source: z.string().nullable(),
    cuesSent: count,
  }),
  /** Per target id (master), 'pair' or 'cueTarget' (client), what is wrong in plain words. */
  targetErrors: z.record(z.string(), z.string()),
});
/** See {@link timecodeSnapshotSchema}. */
export type TimecodeSnapshot = z.infer<typeof timecodeSnapshotSchema>;

/**
 * A frame to show at its exact instant (`playNtp`): sent by the master (its instant, + F in
 * forward mode: when clients show it), or counted by the client on its estimate.
 */
export const timecodeFrameItemSchema = z.strictObject({
  ...timedItemShape,
  role: z.enum(['master', 'client']),
  frame: z.int().min(0),
  label: z.string(),
  /** The client's state at this frame; 'locked' for the master. */
  state: clientLockStateSchema,
});
/** See {@link timecodeFrameItemSchema}. */
export type TimecodeFrameItem = z.infer<typeof timecodeFrameItemSchema>;

/** The client's error for one received frame (the plot). */
export const timecodeErrorItemSchema = z.strictObject({
  /** When the frame was to be shown (its timetag, or its arrival when plain), Unix ms. */
  atMs: z.number(),
  label: z.string(),
  /** Received frame minus the client's estimate, in frames (0 when locked and steady) and ms. */
  errorFrames: z.number(),
  errorMs: z.number(),
  /** The client's state once this frame was taken. */
  state: clientLockStateSchema,
});
/** See {@link timecodeErrorItemSchema}. */
export type TimecodeErrorItem = z.infer<typeof timecodeErrorItemSchema>;

/** One cue or trigger the master received, with both sides' timecode. */
export const cueLogItemSchema = z.strictObject({
  arrivalMs: z.number(),
  source: z.string(),
  address: z.string(),
  /** The cue's text argument ("Scene Bright"), if any. */
  text: z.string().nullable(),
  /** The master's label at arrival (or at the cue's timetag when it had one); null if stopped. */
  masterLabel: z.string().nullable(),
  /** The label the sender attached, if any. */
  senderLabel: z.string().nullable(),
  /** masterLabel - senderLabel in frames and ms (null without both). */
  diffFrames: z.number().nullable(),
  diffMs: z.number().nullable(),
  /** The bundle's timetag as NTP hex, or null for a plain message. */
  timetag: z.string().nullable(),
});
/** See {@link cueLogItemSchema}. */
export type CueLogItem = z.infer<typeof cueLogItemSchema>;

/** The settings before any update, as a fresh copy a caller may change (engine and page alike). */
export function defaultTimecodeSettings(): TimecodeSettings {
  const d = DEFAULT_TIMECODE_SETTINGS;
  return {
    ...d,
    targets: d.targets.map((t) => ({ ...t, impairment: { ...t.impairment } })),
    cueTarget: { ...d.cueTarget },
    cueList: [],
  };
}
