/**
 * The `peers:*` domain: other OSC programs found on the network over mDNS (`_osc._udp`), and
 * whether this engine advertises its own receiver. Clock figures per peer (offset, RTT, sync
 * error) belong to the clock domain; a peer is matched to them by `address` and `port`.
 */
import { z } from 'zod';

/** What a Syncroscope instance says it is doing, in its TXT record (`role=`). */
export const PEER_ROLES = [
  'listen',
  'metronome',
  'timecode-master',
  'timecode-client',
  'app',
] as const;
/** See {@link PEER_ROLES}. */
export const peerRoleSchema = z.enum(PEER_ROLES);
/** See {@link PEER_ROLES}. */
export type PeerRole = z.infer<typeof peerRoleSchema>;

/** The TXT keys Syncroscope reads; null when the service does not carry one (any other program). */
export const peerTxtSchema = z.strictObject({
  app: z.string().nullable(),
  role: z.string().nullable(),
  clock: z.string().nullable(),
});

/** One `_osc._udp` service seen on the network. */
export const peerViewSchema = z.strictObject({
  /** The service's instance name, e.g. "Syncroscope on studio (8000)" or "Zeroconf Peer". */
  name: z.string(),
  /** The host name it advertises (e.g. "studio.local"); may not resolve without an mDNS resolver. */
  host: z.string(),
  /** Its advertised addresses (IPv4 and IPv6), or the address its answer came from. */
  addresses: z.array(z.string()),
  /** Where to send: 127.0.0.1 when it runs on this computer, else its first IPv4 address. */
  address: z.string(),
  port: z.int().min(0).max(65535),
  txt: peerTxtSchema,
  /** `app=syncroscope` in its TXT record. */
  isSyncroscope: z.boolean(),
  /** A Syncroscope instance whose receiver answers clock-sync pings (`clock=1`). */
  answersClockSync: z.boolean(),
  /** This process's own advertisement, seen on the network. */
  isSelf: z.boolean(),
  /** When it last answered or announced itself, Unix-epoch ms (engine clock). */
  lastSeenMs: z.number(),
});
/** See {@link peerViewSchema}. */
export type PeerView = z.infer<typeof peerViewSchema>;

/** `peers:get` answers it and `peers:changed` pushes it. */
export const peersSnapshotSchema = z.strictObject({
  /** mDNS runs in this engine (false in tests, or when it could not start: see `problem`). */
  isAvailable: z.boolean(),
  /** The setting: advertise the receiver while it listens (on by default). */
  isAdvertisingEnabled: z.boolean(),
  /** The receiver is advertised right now, as `advertisedName`. */
  isAdvertising: z.boolean(),
  advertisedName: z.string().nullable(),
  /** What went wrong with mDNS, in plain words (e.g. no multicast on this network). */
  problem: z.string().nullable(),
  /** Sorted by name; this engine's own advertisement included (`isSelf`). */
  peers: z.array(peerViewSchema),
});
/** See {@link peersSnapshotSchema}. */
export type PeersSnapshot = z.infer<typeof peersSnapshotSchema>;

/** `peers:advertise`: turn advertising the receiver on or off. */
export const peersAdvertiseSchema = z.strictObject({ enabled: z.boolean() });
