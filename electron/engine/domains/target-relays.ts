/**
 * One in-process impairment relay per impaired metronome target, so a participant on one laptop
 * can give each target its own Wi-Fi: the metronome sends to the relay, which delays, jitters and
 * drops (normal jitter, seeded by the target id so a run repeats) and forwards to the target.
 * Relays follow the targets: created, updated live, and closed when a target is removed or its
 * impairment returns to zero (then ticks go direct again).
 */
import { isIPv6 } from 'node:net';
import type { MetronomeTargetView } from '../../../shared/ipc';
import type { Clock } from '../time/clock';
import { NO_IMPAIRMENT } from '../../../shared/model';
import { createRelay, type Relay, type RelayOptions } from '../network/relay/relay';
import type { Scheduler } from '../time/scheduler';
import type { UdpError } from '../network/udp-errors';

/** What a relay needs of a target (the metronome's and the timecode master's targets have it). */
export type RelayTarget = Pick<MetronomeTargetView, 'id' | 'host' | 'port' | 'impairment'>;

/** Where the metronome sends one target's ticks, or why it cannot. */
export type TargetRoute = { host: string; port: number } | { error: string };

/** The outcome of {@link TargetRelays.sync}. */
export interface RelaySync {
  /** Every target's route, by id. */
  routes: Map<string, TargetRoute>;
  /** Closes the relays that were replaced: call once the metronome no longer sends to them. */
  retire(): Promise<void>;
}

/** The relays of the current targets. Thread: the engine's. */
export interface TargetRelays {
  /** Makes the relays match `targets` (binding new ones). */
  sync(targets: readonly RelayTarget[]): Promise<RelaySync>;
  /** By target id: why its relay's forwards seem to go nowhere (port unreachable), in words. */
  problems(): Record<string, string>;
  dispose(): Promise<void>;
}

/** True when the target needs a relay. */
export function isImpaired(i: MetronomeTargetView['impairment']): boolean {
  return i.delayMs > 0 || i.jitterMs > 0 || i.loss > 0;
}

interface Entry {
  relay: Relay;
  /** host and port of the real target: a change needs a new relay. */
  destination: string;
  front: { host: string; port: number };
}

/** What {@link createTargetRelays} uses. */
export interface TargetRelaysDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** A relay's socket trouble after it started (e.g. the target's host is unknown). */
  onError: (id: string, error: UdpError) => void;
  /** A relay heard that nothing listens at its target (the words), or that it is fine again (null). */
  onProblem?: (id: string, problem: string | null) => void;
  /** Makes one relay (tests may wrap it); {@link createRelay} by default. */
  createRelay?: (options: RelayOptions) => Relay;
}

/** Creates the relay set (empty). */
export function createTargetRelays(deps: TargetRelaysDeps): TargetRelays {
  const makeRelay = deps.createRelay ?? createRelay;
  const entries = new Map<string, Entry>();

  const open = async (t: RelayTarget): Promise<Entry> => {
    // The relay's sockets must reach the target: loopback for a local one, else every interface.
    const listenHost = isIPv6(t.host)
      ? t.host === '::1'
        ? '::1'
        : '::'
      : t.host === 'localhost' || t.host.startsWith('127.')
        ? '127.0.0.1'
        : '0.0.0.0';
    const relay: Relay = makeRelay({
      clock: deps.clock,
      scheduler: deps.scheduler,
      listenHost,
      listenPort: 0,
      to: { host: t.host, port: t.port },
      impairment: { ...NO_IMPAIRMENT, ...t.impairment },
      seed: seedOf(t.id),
      isOneWay: true,
      onError: (error) => {
        if (entries.get(t.id)?.relay === relay) deps.onError(t.id, error);
      },
      onProblem: (problem) => {
        if (entries.get(t.id)?.relay === relay) deps.onProblem?.(t.id, problem);
      },
    });
    try {
      const { port } = await relay.start();
      const host =
        listenHost === '::' ? '::1' : listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost;
      return { relay, destination: `${t.host} ${t.port}`, front: { host, port } };
    } catch (error) {
      await relay.dispose();
      throw error;
    }
  };

  return {
    async sync(targets) {
      const routes = new Map<string, TargetRoute>();
      const retired: Relay[] = [];
      const wanted = new Set(targets.map((t) => t.id));
      for (const [id, e] of entries) {
        if (wanted.has(id)) continue;
        entries.delete(id);
        retired.push(e.relay);
      }
      for (const t of targets) {
        let e = entries.get(t.id);
        if (e && (!isImpaired(t.impairment) || e.destination !== `${t.host} ${t.port}`)) {
          entries.delete(t.id);
          retired.push(e.relay);
          e = undefined;
        }
        if (!isImpaired(t.impairment)) {
          routes.set(t.id, { host: t.host, port: t.port });
        } else if (e) {
          e.relay.update(t.impairment);
          routes.set(t.id, e.front);
        } else {
          try {
            e = await open(t);
            entries.set(t.id, e);
            routes.set(t.id, e.front);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            routes.set(t.id, { error: `The impairment relay could not start: ${message}` });
          }
        }
      }
      return { routes, retire: async () => void (await disposeAll(retired)) };
    },
    problems() {
      const out: Record<string, string> = {};
      for (const [id, e] of entries) if (e.relay.problem !== null) out[id] = e.relay.problem;
      return out;
    },
    async dispose() {
      const all = [...entries.values()].map((e) => e.relay);
      entries.clear();
      await disposeAll(all);
    },
  };
}

async function disposeAll(relays: readonly Relay[]): Promise<void> {
  await Promise.all(relays.map((r) => r.dispose()));
}

/** FNV-1a of the id: the same target id gives the same jitter sequence on every run. */
export function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
