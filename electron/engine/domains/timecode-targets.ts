/**
 * Where the timecode master sends: its targets, each directly or through its own impairment
 * relay (target-relays.ts, as the metronome's), with plain-words errors by target id
 * (target-errors.ts). In role 'pair' the one target is this engine's own receiver port, behind
 * the first target's impairment, so a single laptop can play master and client through a
 * simulated network. With `broadcast` on, frames leave from a socket allowed to broadcast.
 */
import type { TimecodeSettings, TimecodeTarget } from '../../../shared/ipc/domains/timecode';
import { NO_IMPAIRMENT } from '../../../shared/model';
import type { UdpEndpoint } from '../network/udp-endpoint';
import type { MasterTarget } from '../timecode';
import type { EngineContext } from './context';
import { createTargetErrors } from './target-errors';
import { createTargetRelays, type TargetRelaysDeps, type TargetRoute } from './target-relays';

/** The target id of the pair role's loopback target. */
export const PAIR_TARGET_ID = 'pair';

/** What {@link createTimecodeTargets} uses. */
export interface TimecodeTargetsDeps {
  /** The engine's shared send sockets. */
  send: (bytes: Uint8Array, host: string, port: number) => Promise<void>;
  /** The port the engine's receiver listens on, or null when it is stopped. */
  receiverPort: () => number | null;
  createRelay?: TargetRelaysDeps['createRelay'];
  /** A target's error appeared or cleared. */
  onChange: () => void;
}

/** The master's routes. Thread: the engine's. */
export interface TimecodeTargets {
  /** Makes the routes match the settings (role, targets, broadcast); returns the master's targets. */
  sync(settings: TimecodeSettings): Promise<MasterTarget[]>;
  /** True in role pair when the receiver's port is no longer the one frames go to. */
  isPairStale(): boolean;
  send(bytes: Uint8Array, host: string, port: number): Promise<void>;
  onSendFailed(target: MasterTarget, message: string): void;
  errors(): Record<string, string>;
  dispose(): Promise<void>;
}

const UNHEARD = 'the receiver is not listening, so the client cannot hear the master: start it';

/** Creates the routes (none until the first sync). */
export function createTimecodeTargets(
  ctx: Pick<EngineContext, 'clock' | 'scheduler' | 'makeEndpoint' | 'log'>,
  deps: TimecodeTargetsDeps,
): TimecodeTargets {
  const errors = createTargetErrors((id, message) => {
    if (message !== null) ctx.log('warn', `timecode target ${id}: ${message}`);
    deps.onChange();
  });
  const relays = createTargetRelays({
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    createRelay: deps.createRelay,
    onError: (id, error) => errors.set(id, error.message),
  });
  let listed: TimecodeTarget[] = [];
  let routes = new Map<string, TargetRoute>();
  let pairPort: number | null = null;
  let isPair = false;
  let broadcaster: Promise<UdpEndpoint> | null = null;

  const closeBroadcaster = async (): Promise<void> => {
    const b = broadcaster;
    broadcaster = null;
    await b?.then(
      (e) => e.close(),
      () => {},
    );
  };
  const broadcastSocket = (): Promise<UdpEndpoint> => {
    if (broadcaster === null) {
      const e = ctx.makeEndpoint({ clock: ctx.clock, host: '0.0.0.0', port: 0, broadcast: true });
      broadcaster = e.bind().then(() => e);
      broadcaster.catch(() => (broadcaster = null)); // the next send tries again
    }
    return broadcaster;
  };
  let isBroadcast = false;

  return {
    async sync(settings) {
      isPair = settings.role === 'pair';
      isBroadcast = settings.broadcast;
      if (!isBroadcast) await closeBroadcaster();
      let wanted: TimecodeTarget[] = [];
      pairPort = isPair ? deps.receiverPort() : null;
      if (settings.role === 'master') wanted = settings.targets;
      if (isPair && pairPort !== null) {
        const impairment = settings.targets[0]?.impairment ?? NO_IMPAIRMENT;
        const { delayMs, jitterMs, loss } = impairment;
        wanted = [
          {
            id: PAIR_TARGET_ID,
            host: '127.0.0.1',
            port: pairPort,
            impairment: { delayMs, jitterMs, loss },
          },
        ];
      }
      const synced = await relays.sync(wanted);
      errors.retarget(listed, wanted, routes, synced.routes);
      if (isPair && pairPort === null) errors.set(PAIR_TARGET_ID, UNHEARD);
      listed = wanted;
      routes = synced.routes;
      await synced.retire();
      const out: MasterTarget[] = [];
      for (const t of wanted) {
        const r = routes.get(t.id);
        if (r && !('error' in r)) out.push({ host: r.host, port: r.port });
      }
      return out;
    },
    isPairStale: () => isPair && deps.receiverPort() !== pairPort,
    async send(bytes, host, port) {
      if (isBroadcast) await (await broadcastSocket()).send(bytes, host, port);
      else await deps.send(bytes, host, port);
      errors.onSent(host, port);
    },
    onSendFailed: (target, message) => errors.onSendFailed(target.host, target.port, message),
    errors: () => errors.toRecord(),
    async dispose() {
      await relays.dispose();
      await closeBroadcaster();
    },
  };
}
