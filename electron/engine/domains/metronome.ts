/**
 * The `metronome:*` domain: the engine's metronome, sending to the targets the UI lists, each
 * directly or through its own impairment relay (target-relays.ts). Send problems become
 * `targetErrors[id]` in plain words (target-errors.ts). Given `connect`, a direct target sends
 * from its own connected socket (direct-senders.ts), so a closed port becomes
 * `unreachableTargets[id]` while the ticks keep going; a relayed target's relay hears the same
 * on its own connected socket towards the target (relay.ts).
 */
import type {
  MetronomeSettingsView,
  MetronomeSnapshot,
  MetronomeTargetView,
} from '../../../shared/ipc';
import { ntpToHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import { createMetronome } from '../metronome';
import { createSerialQueue, type DomainHandlers, type EngineContext } from './context';
import {
  applyMetronomePatch,
  defaultMetronomeView,
  toMetronomeSettings,
} from './metronome-settings';
import { createDirectSenders, unreachableSentence, type ConnectSender } from './direct-senders';
import { createTargetErrors } from './target-errors';
import { createTargetRelays, type TargetRelaysDeps, type TargetRoute } from './target-relays';

/** The metronome domain. */
export interface MetronomeDomain {
  handlers: DomainHandlers<
    'metronome:get' | 'metronome:start' | 'metronome:stop' | 'metronome:update'
  >;
  dispose(): Promise<void>;
}

/** Creates the domain: stopped, with the default settings and no targets. */
export function createMetronomeDomain(
  ctx: EngineContext,
  deps: {
    /** The shared socket (relayed, broadcast and multicast targets; every target without `connect`). */
    send: (bytes: Uint8Array, host: string, port: number) => Promise<void>;
    createRelay?: TargetRelaysDeps['createRelay'];
    /** Makes a connected socket for a direct target (real sockets: the engine passes one). */
    connect?: ConnectSender;
  },
): MetronomeDomain {
  const { clock, scheduler, sink, log } = ctx;
  const serial = createSerialQueue();
  let view = defaultMetronomeView(); // replaced on every update, never mutated: shared by snapshots
  let routes = new Map<string, TargetRoute>();
  let lastBeat: MetronomeSnapshot['lastBeat'] = null;

  const snapshot = (): MetronomeSnapshot => ({
    settings: view,
    isRunning: metronome.isRunning,
    counters: metronome.counters(),
    lastBeat,
    targetErrors: errors.toRecord(),
    unreachableTargets: { ...relayedUnreachable(), ...(direct?.toRecord() ?? {}) },
  });
  const changed = (): void => sink.state('metronome:changed', snapshot);

  const errors = createTargetErrors((id, message) => {
    if (message !== null) log('warn', `metronome target ${id}: ${message}`);
    changed();
  });

  const direct = deps.connect
    ? createDirectSenders(deps.connect, (host, port, problem) => {
        if (problem !== null) log('warn', `metronome: ${problem}; still sending`);
        else log('info', `metronome: ${host}:${port} no longer refuses the ticks`);
        changed();
      })
    : null;

  const relays = createTargetRelays({
    clock,
    scheduler,
    createRelay: deps.createRelay,
    onError: (id, error) => errors.set(id, error.message),
    onProblem: (id, problem) => {
      if (problem !== null)
        log('warn', `metronome target ${id}: ${problem} (through its relay); still sending`);
      else log('info', `metronome target ${id}: no longer refuses the ticks`);
      changed();
    },
  });
  const relayedUnreachable = (): Record<string, string> =>
    Object.fromEntries(
      Object.entries(relays.problems()).map(([id, p]) => [id, unreachableSentence(p)]),
    );

  const metronome = createMetronome(
    {
      clock,
      scheduler,
      send: (bytes, host, port) =>
        (direct?.senderFor(host, port)?.send(bytes) ?? deps.send(bytes, host, port)).then(() =>
          errors.onSent(host, port),
        ),
      onBeat: (b) => {
        lastBeat = {
          n: b.n,
          accent: b.accent,
          beatMs: ntpToUnixMs(b.beatNtp),
          timetag: b.timetag === null ? null : ntpToHex(b.timetag),
        };
        changed();
      },
      onError: (error, target) => {
        const message = error instanceof Error ? error.message : String(error);
        if (target) return errors.onSendFailed(target.host, target.port, message);
        log('error', message);
        changed();
      },
    },
    toMetronomeSettings(view),
  );

  const routeOf = (t: MetronomeTargetView) => {
    const r = routes.get(t.id);
    return r === undefined || 'error' in r ? null : r;
  };

  const update = async (patch: Partial<MetronomeSettingsView>): Promise<MetronomeSnapshot> => {
    const next = applyMetronomePatch(view, patch);
    let retire = async (): Promise<void> => {};
    if (patch.targets !== undefined) {
      const synced = await relays.sync(next.targets);
      errors.retarget(view.targets, next.targets, routes, synced.routes);
      routes = synced.routes;
      const retireDirect = direct?.sync(next.targets, routes);
      retire = async () => {
        await synced.retire();
        await retireDirect?.();
      };
    }
    metronome.update(toMetronomeSettings(next, routeOf));
    view = next;
    await retire(); // after the switch: no tick is sent to a closed relay
    changed();
    return snapshot();
  };

  return {
    handlers: {
      'metronome:get': async () => snapshot(),
      'metronome:start': () =>
        serial(async () => {
          lastBeat = null;
          metronome.start();
          const { mode, bpm, offsetMs, targets } = view;
          log(
            'info',
            `metronome started: ${mode}, ${bpm} BPM, F = ${offsetMs} ms, ${targets.length} target(s)`,
          );
          changed();
          return snapshot();
        }),
      'metronome:stop': () =>
        serial(async () => {
          metronome.stop();
          changed();
          return snapshot();
        }),
      'metronome:update': (patch) => serial(() => update(patch)),
    },
    async dispose() {
      await serial(async () => {
        metronome.dispose();
        await relays.dispose();
        await direct?.dispose();
      });
    },
  };
}
