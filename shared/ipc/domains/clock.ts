/** The `clock:*` domain: what the engine knows about its peers' clocks, and its own skew. */
import { z } from 'zod';

/**
 * How a peer's clock stands: 'measuring' (pinging, not yet within the converged bound),
 * 'converged', 'stale' (answered before, has stopped answering: the last estimate is kept),
 * 'no-answer' (never answered a ping: a seed peer, its timetags are read in the local clock).
 */
export const PEER_CLOCK_STATES = ['measuring', 'converged', 'stale', 'no-answer'] as const;

/** One peer clock, as "host:port" of the socket it sends from. */
export const peerClockSchema = z.strictObject({
  peer: z.string(),
  state: z.enum(PEER_CLOCK_STATES),
  /** Peer clock minus ours now, ms; null before the first answer. */
  offsetMs: z.number().nullable(),
  /** The median round trip, ms. */
  rttMs: z.number().nullable(),
  /** The true offset is within offsetMs +- this, ms. */
  errorBoundMs: z.number().nullable(),
  /** How fast the peer gains on us, ppm (0 until the samples span a few seconds). */
  driftPpm: z.number().nullable(),
  /** Samples in the estimator's window. */
  samples: z.int().min(0),
  /** Pings sent, and answered. */
  pings: z.int().min(0),
  pongs: z.int().min(0),
  /** Steps of either clock detected (each restarted the estimate). */
  steps: z.int().min(0),
});
/** See {@link peerClockSchema}. */
export type PeerClockView = z.infer<typeof peerClockSchema>;

/** The teaching setting: this instance's clock deliberately off (0 and 0 when not in use). */
export const clockSkewSchema = z.strictObject({
  offsetMs: z.number(),
  driftPpm: z.number(),
});
/** See {@link clockSkewSchema}. */
export type ClockSkewView = z.infer<typeof clockSkewSchema>;

/** clock:get and clock:changed. */
export const clockSnapshotSchema = z.strictObject({
  /** This instance's deliberate skew (`--clock-offset` / `--clock-drift`). */
  skew: clockSkewSchema,
  peers: z.array(peerClockSchema),
});
/** See {@link clockSnapshotSchema}. */
export type ClockSnapshot = z.infer<typeof clockSnapshotSchema>;

/**
 * clock:now: the engine's clock read as late as the handler can, so a page on another device
 * (the web host on a tablet) can fit its own clock to the engine's with the same estimator: the
 * page stamps send and receive on its clock, this is both t2 and t3.
 */
export const clockNowSchema = z.strictObject({
  /** Engine clock, Unix-epoch ms (float, sub-ms). */
  engineMs: z.number(),
});
/** See {@link clockNowSchema}. */
export type ClockNow = z.infer<typeof clockNowSchema>;

/** Which clock a timetag was read in: ours, a converged peer's, or a peer's still measuring. */
export const TIMETAG_CLOCKS = ['local', 'peer', 'peer-measuring'] as const;
/** See {@link TIMETAG_CLOCKS}. */
export type TimetagClock = (typeof TIMETAG_CLOCKS)[number];

/** Item fields telling which clock a timetag was read in and the offset taken off it. */
export const timetagClockShape = {
  /** Absent from older hosts: read as 'local'. */
  clock: z.enum(TIMETAG_CLOCKS).optional(),
  /** The peer offset subtracted from the wire timetag, ms; null when read in the local clock. */
  clockOffsetMs: z.number().nullable().optional(),
};
