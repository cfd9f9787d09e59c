/**
 * mDNS discovery of OSC programs (`_osc._udp`), on bonjour-service: advertise a receiver with
 * Syncroscope's TXT keys (./txt.ts), and browse for every other one. One mDNS socket per
 * discovery, opened on first use. A network without multicast (or a port 5353 we may not bind)
 * is reported in words through `log` and `problem()`; nothing here throws because of it.
 *
 * Browsing asks again every `refreshMs` with a fresh browser, so every peer that still answers is
 * seen again; one silent for `expireMs` is dropped, one that says goodbye (TTL 0) goes at once.
 */
import { networkInterfaces } from 'node:os';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import type { PeerRole, PeerView } from '../../../shared/ipc';
import { defaultInstanceName, hostLabel, isOwnName, releaseName, reserveName } from './names';
import { toPeer, type ServiceLike } from './peer';
import { createPeerTable } from './peer-table';
import { encodeTxt } from './txt';

/** The DNS-SD service type Syncroscope advertises and browses. */
export const OSC_SERVICE = { type: 'osc', protocol: 'udp' } as const;

/** What to advertise. */
export interface Advertisement {
  /** Instance name; "Syncroscope on HOST (PORT)" by default; made unique within the process. */
  name?: string;
  port: number;
  role: PeerRole;
  answersClockSync: boolean;
}

/** A running advertisement. */
export interface AdvertiseHandle {
  /** The instance name actually used. */
  readonly name: string;
  /** Whether the announcement went out (after probing the name, under a second). */
  isPublished(): boolean;
  /** Says goodbye on the network (TTL 0) and stops answering. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A running browse. */
export interface BrowseHandle {
  /** The peers now, sorted by name. */
  peers(): PeerView[];
  /** Asks the network again now (otherwise every `refreshMs`). */
  refresh(): void;
  dispose(): void;
}

/** Advertising and browsing on one mDNS socket. */
export interface Discovery {
  advertise(ad: Advertisement, onPublished?: () => void): AdvertiseHandle;
  /** `onChange` gets the whole list whenever a peer appears, changes or goes. */
  browse(onChange: (peers: PeerView[]) => void): BrowseHandle;
  /** What went wrong with mDNS so far, in plain words, or null. */
  problem(): string | null;
  /** Ends every advertisement (with goodbyes) and browse, and closes the socket. */
  dispose(): Promise<void>;
}

/** Options for {@link createDiscovery}. */
export interface DiscoveryOptions {
  /** Lines in plain words; tag-free (the caller tags them). */
  log?: (level: 'info' | 'warn' | 'error', text: string) => void;
  /** Unix-epoch ms for `lastSeenMs` (the engine clock). */
  nowMs?: () => number;
  hostname?: string;
  /** multicast-dns socket options (tests: an `interface` this computer does not have). */
  mdns?: { interface?: string; port?: number };
  refreshMs?: number;
  expireMs?: number;
}

const GOODBYE_WAIT_MS = 500;

/** Creates a discovery; no socket opens until the first advertise or browse. */
export function createDiscovery(options: DiscoveryOptions = {}): Discovery {
  const log = options.log ?? (() => {});
  const nowMs = options.nowMs ?? (() => Date.now());
  const refreshMs = options.refreshMs ?? 10_000;
  const expireMs = options.expireMs ?? 35_000;
  const host = `${hostLabel(options.hostname)}.local`;
  const said = new Set<string>(); // every distinct problem is logged once, not per packet
  const ads = new Set<AdvertiseHandle>();
  const browses = new Set<BrowseHandle>();
  let problem: string | null = null;
  let bonjour: Bonjour | null = null;
  let isDisposed = false;

  const report = (level: 'warn' | 'error', text: string): void => {
    if (level === 'error') problem ??= text;
    if (said.has(text)) return;
    said.add(text);
    log(level, text);
  };
  const words = (error: unknown): string => {
    const e = error as { code?: string; message?: string };
    return e?.code ? `${e.message ?? e.code}` : String(e?.message ?? error);
  };

  const open = (): Bonjour | null => {
    if (bonjour || problem) return bonjour;
    try {
      bonjour = new Bonjour({ ...options.mdns }, (error: unknown) =>
        report(
          'warn',
          `mDNS: could not send on the network (${words(error)}); is multicast available?`,
        ),
      );
    } catch (error) {
      report('error', `mDNS is unavailable here: ${words(error)}. Enter peers by hand.`);
      return null;
    }
    const mdns = mdnsOf(bonjour);
    mdns?.on('error', (error: unknown) =>
      report(
        'error',
        `mDNS is unavailable here: could not open UDP port 5353 (${words(error)}). Peers will not appear by themselves; enter them by hand.`,
      ),
    );
    mdns?.on('warning', (error: unknown) =>
      report('warn', `mDNS: ${words(error)} (discovery may miss peers on some networks)`),
    );
    return bonjour;
  };

  const advertise = (ad: Advertisement, onPublished?: () => void): AdvertiseHandle => {
    const name = reserveName(ad.name ?? defaultInstanceName(ad.port, options.hostname));
    let service: Service | null = null;
    let isEnded = false;
    try {
      service =
        open()?.publish({ ...OSC_SERVICE, name, port: ad.port, host, txt: encodeTxt(ad) }) ?? null;
    } catch (error) {
      report('error', `mDNS: could not advertise "${name}": ${words(error)}`);
    }
    service?.on('up', () => {
      if (problem) return; // the library reports "up" even when nothing could be sent
      log('info', `advertising "${name}" (_osc._udp, port ${ad.port}, role ${ad.role})`);
      onPublished?.();
    });
    // The library gives up quietly when another host holds the name: say so.
    const check = setTimeout(() => {
      if (!isEnded && service && !service.published && !problem) {
        report('warn', `mDNS: "${name}" was not announced (is the name taken on the network?)`);
      }
    }, 3000);
    check.unref();
    const handle: AdvertiseHandle = {
      name,
      isPublished: () => !isEnded && problem === null && service?.published === true,
      async dispose() {
        if (isEnded) return;
        isEnded = true;
        clearTimeout(check);
        ads.delete(handle);
        releaseName(name);
        const s = service;
        if (!s) return;
        await withTimeout((done) => s.stop(done), GOODBYE_WAIT_MS);
      },
    };
    ads.add(handle);
    return handle;
  };

  const browse = (onChange: (peers: PeerView[]) => void): BrowseHandle => {
    const table = createPeerTable();
    let browser: Browser | null = null;
    let isEnded = false;
    const changed = (isChanged: boolean): void => {
      if (isChanged && !isEnded) onChange(table.list());
    };
    const seen = (service: Service): void => {
      const peer = toPeer(service as ServiceLike, {
        nowMs: nowMs(),
        isOwnName,
        localAddresses: localAddresses(),
      });
      if (peer) changed(table.upsert(peer));
    };
    const gone = (service: Service): void => changed(table.remove(String(service.name ?? '')));
    const refresh = (): void => {
      if (isEnded) return;
      changed(table.expire(nowMs() - expireMs));
      browser?.stop();
      try {
        browser = open()?.find(OSC_SERVICE) ?? null;
      } catch (error) {
        report('warn', `mDNS: could not browse: ${words(error)}`);
        browser = null;
      }
      browser?.on('up', seen);
      browser?.on('srv-update', seen);
      browser?.on('txt-update', seen);
      browser?.on('down', gone);
    };
    // Goodbyes straight from the socket: a fresh browser would miss one for a peer it has not
    // heard from yet.
    const onResponse = (packet: { answers?: unknown[]; additionals?: unknown[] }): void => {
      for (const name of goodbyes(packet)) changed(table.remove(name));
    };
    const timer = setInterval(refresh, refreshMs);
    timer.unref();
    refresh();
    const mdns = bonjour ? mdnsOf(bonjour) : null;
    mdns?.on('response', onResponse);
    const handle: BrowseHandle = {
      peers: () => table.list(),
      refresh,
      dispose() {
        isEnded = true;
        clearInterval(timer);
        browser?.stop();
        mdns?.off('response', onResponse);
        browses.delete(handle);
      },
    };
    browses.add(handle);
    return handle;
  };

  return {
    advertise: (ad, onPublished) => {
      if (isDisposed) throw new Error('[discovery] disposed');
      return advertise(ad, onPublished);
    },
    browse: (onChange) => {
      if (isDisposed) throw new Error('[discovery] disposed');
      return browse(onChange);
    },
    problem: () => problem,
    async dispose() {
      if (isDisposed) return;
      isDisposed = true;
      for (const b of [...browses]) b.dispose();
      await Promise.all([...ads].map((a) => a.dispose()));
      const b = bonjour;
      bonjour = null;
      if (b) await withTimeout((done) => b.destroy(done), GOODBYE_WAIT_MS);
    },
  };
}

/** The library's multicast-dns socket (not in its types): its errors must have a listener. */
function mdnsOf(bonjour: Bonjour): NodeJS.EventEmitter | null {
  const server = (bonjour as unknown as { server?: { mdns?: NodeJS.EventEmitter } }).server;
  return server?.mdns ?? null;
}

const PTR_NAME = `_${OSC_SERVICE.type}._${OSC_SERVICE.protocol}.local`;

/** Instance names whose PTR record a response withdraws (TTL 0). */
export function goodbyes(packet: { answers?: unknown[]; additionals?: unknown[] }): string[] {
  const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
  const out: string[] = [];
  for (const r of records as Array<{
    type?: unknown;
    name?: unknown;
    ttl?: unknown;
    data?: unknown;
  }>) {
    if (r?.type !== 'PTR' || r.ttl !== 0 || typeof r.name !== 'string') continue;
    if (r.name.toLowerCase() !== PTR_NAME || typeof r.data !== 'string') continue;
    const suffix = `.${PTR_NAME}`;
    if (r.data.toLowerCase().endsWith(suffix)) out.push(r.data.slice(0, -suffix.length));
  }
  return out;
}

/** This computer's interface addresses, loopback included. */
function localAddresses(): Set<string> {
  const out = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) out.add(a.address);
  }
  return out;
}

/** Runs a callback-style step, resolving when it calls back or after `ms`, never rejecting. */
function withTimeout(step: (done: () => void) => void, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => (clearTimeout(timer), resolve());
    try {
      step(done);
    } catch {
      done();
    }
  });
}
