/**
 * The timecode roles' settings as plain values (no zod): their limits, their defaults and the
 * client's chase thresholds. The contract's schemas (shared/ipc/domains/timecode.ts), the engine,
 * the CLI and the page take their numbers from here.
 */
import type { FrameRateName } from './rate';
import type { TimecodeWireFormat } from './wire';
import { CUE_PORT, TIMECODE_PORT } from './wire';

/** off; master (sends frames, logs cues); client (chases frames, sends cues); pair (both, one engine). */
export const TIMECODE_ROLES = ['off', 'master', 'client', 'pair'] as const;
/** One of {@link TIMECODE_ROLES}. */
export type TimecodeRoleName = (typeof TIMECODE_ROLES)[number];

/** plain: the seed's message when the frame is due; forward: a bundle timetagged frame instant + F. */
export const TIMECODE_SEND_MODES = ['plain', 'forward'] as const;
/** One of {@link TIMECODE_SEND_MODES}. */
export type TimecodeSendMode = (typeof TIMECODE_SEND_MODES)[number];

/**
 * What the timecode roles accept. 16 targets, as the metronome (each impaired one runs a relay);
 * 256 cues: a show's list, each checked against the rate at every change.
 */
export const TIMECODE_LIMITS = {
  forwardMs: { min: 0, max: 2000 },
  targets: { max: 16 },
  targetId: { maxLength: 64 },
  cueList: { max: 256 },
  cueId: { maxLength: 64 },
  /** A cue's OSC address, e.g. /cue/lighting. */
  address: { maxLength: 256 },
} as const;

/**
 * How the client decides it follows the master, in frames of the current rate (and ms for
 * silence). A received frame agrees with the estimate when it is within `toleranceFrames`; after
 * `lockFrames` agreeing frames in a row the client is locked. Silence longer than
 * `freewheelAfterFrames` frames is freewheel (the estimate keeps counting), longer than
 * `lostAfterMs` is lost. A frame that disagrees starts a candidate jump, followed once
 * `jumpFrames` frames in a row agree with it (a locate on the master); until then: lost.
 * While locked the estimate's phase moves 1/`phaseGain` of each error toward what was received.
 */
export const TIMECODE_CHASE = {
  toleranceFrames: 1,
  lockFrames: 3,
  freewheelAfterFrames: 3,
  lostAfterMs: 2000,
  jumpFrames: 3,
  phaseGain: 8,
} as const;

/** The seed's timecode label before any change. */
export const DEFAULT_START_LABEL = '00:00:00:00';

/** The timecode settings before any change: 25 fps non-drop, plain frames to 127.0.0.1:5006. */
export const DEFAULT_TIMECODE_SETTINGS: {
  readonly role: TimecodeRoleName;
  readonly rate: FrameRateName;
  readonly dropFrame: boolean;
  readonly dropFrameSeparator: boolean;
  readonly sendMode: TimecodeSendMode;
  readonly forwardMs: number;
  readonly wireFormat: TimecodeWireFormat;
  readonly startLabel: string;
  readonly targets: readonly {
    readonly id: string;
    readonly host: string;
    readonly port: number;
    readonly impairment: {
      readonly delayMs: number;
      readonly jitterMs: number;
      readonly loss: number;
    };
  }[];
  readonly broadcast: boolean;
  readonly cueTarget: { readonly host: string; readonly port: number };
  readonly cueList: readonly [];
} = {
  role: 'off',
  rate: '25',
  dropFrame: false,
  dropFrameSeparator: false,
  sendMode: 'plain',
  forwardMs: 100,
  wireFormat: 'seed',
  startLabel: DEFAULT_START_LABEL,
  targets: [
    {
      id: 'client',
      host: '127.0.0.1',
      port: TIMECODE_PORT,
      impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
    },
  ],
  broadcast: false,
  cueTarget: { host: '127.0.0.1', port: CUE_PORT },
  cueList: [],
};
