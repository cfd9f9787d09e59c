/**
 * One discovered `_osc._udp` service as the contract's {@link PeerView}: its TXT keys read, the
 * address to send to chosen, and whether it is Syncroscope, answers clock sync or is ourselves.
 */
import type { PeerView } from '../../../shared/ipc';
import { parseTxt, TXT_APP } from './txt';

/** What a browse answer carries (bonjour-service's Service, read defensively: it is network data). */
export interface ServiceLike {
  name?: unknown;
  host?: unknown;
  port?: unknown;
  addresses?: unknown;
  /** The TXT strings as received (bonjour-service keeps them beside its own decoding). */
  rawTxt?: unknown;
  txt?: unknown;
  /** Where the answer came from. */
  referer?: { address?: unknown } | null;
}

/** What {@link toPeer} needs to know about this process and computer. */
export interface PeerContext {
  nowMs: number;
  /** Names this process advertises right now. */
  isOwnName: (name: string) => boolean;
  /** Addresses of this computer's interfaces (loopback included). */
  localAddresses: ReadonlySet<string>;
}

const text = (v: unknown, maxLength = 255): string =>
  typeof v === 'string' ? v.slice(0, maxLength) : '';

/** The peer view of a service, or null when it lacks a name or a usable port. */
export function toPeer(service: ServiceLike, ctx: PeerContext): PeerView | null {
  const name = text(service.name);
  const port = service.port;
  if (!name || typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    return null;
  }
  const txt = parseTxt(service.rawTxt ?? service.txt);
  const app = txt.get('app') ?? null;
  const addresses = Array.isArray(service.addresses)
    ? service.addresses.filter((a): a is string => typeof a === 'string').slice(0, 16)
    : [];
  const from = text(service.referer?.address);
  if (addresses.length === 0 && from) addresses.push(from);
  const host = text(service.host);
  const isSyncroscope = app?.toLowerCase() === TXT_APP;
  return {
    name,
    host,
    addresses,
    address: sendAddress(addresses, host, ctx.localAddresses),
    port,
    txt: { app, role: txt.get('role') ?? null, clock: txt.get('clock') ?? null },
    isSyncroscope,
    answersClockSync: isSyncroscope && txt.get('clock') === '1',
    isSelf: ctx.isOwnName(name),
    lastSeenMs: ctx.nowMs,
  };
}

/**
 * Where to send to a peer: 127.0.0.1 when any of its addresses is this computer's (it may listen
 * on loopback only, and loopback reaches it either way), else its first IPv4, else what it gave.
 */
export function sendAddress(
  addresses: readonly string[],
  host: string,
  localAddresses: ReadonlySet<string>,
): string {
  if (addresses.some((a) => localAddresses.has(a))) return '127.0.0.1';
  return addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? addresses[0] ?? host;
}
