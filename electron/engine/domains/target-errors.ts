/**
 * The metronome's `targetErrors`: what is wrong with each target, in plain words, by target id.
 * Sends are attributed through their destination (the target itself, or its relay). A direct
 * target's error clears as soon as a send to it succeeds; a relayed target's errors come from its
 * relay, which says nothing when a forward succeeds, so they clear when its route changes (host,
 * port, impairment on or off) or it is removed. Relays that could not start are retried by every
 * targets update, so their errors are re-evaluated then.
 */
import { isImpaired, type RelayTarget, type TargetRoute } from './target-relays';

/** The errors of the current targets. Thread: the engine's. */
export interface TargetErrors {
  /** Records a problem of one target (a repeat of the same words changes nothing). */
  set(id: string, message: string): void;
  /** A send to host:port failed: every target sent there has this problem. */
  onSendFailed(host: string, port: number, message: string): void;
  /** A send to host:port went out: the direct targets there are fine again. Cheap when all is well. */
  onSent(host: string, port: number): void;
  /** The targets changed to `after`, routed by `routes` (previously `routesBefore`). */
  retarget(
    before: readonly RelayTarget[],
    after: readonly RelayTarget[],
    routesBefore: ReadonlyMap<string, TargetRoute>,
    routes: ReadonlyMap<string, TargetRoute>,
  ): void;
  /** By target id, for the snapshot. */
  toRecord(): Record<string, string>;
}

interface Destination {
  ids: string[];
  /** Sent straight to the target: a successful send proves the target fine. */
  isDirect: boolean;
}

const key = (host: string, port: number): string => `${host} ${port}`;

/** Creates an empty set; `onChange(id, message)` hears each new problem (message null: cleared). */
export function createTargetErrors(
  onChange: (id: string, message: string | null) => void,
): TargetErrors {
  const errors = new Map<string, string>();
  let destinations = new Map<string, Destination>();

  const clear = (id: string): void => {
    if (errors.delete(id)) onChange(id, null);
  };
  const set = (id: string, message: string): void => {
    if (errors.get(id) === message) return;
    errors.set(id, message);
    onChange(id, message);
  };

  return {
    set,
    onSendFailed(host, port, message) {
      for (const id of destinations.get(key(host, port))?.ids ?? []) set(id, message);
    },
    onSent(host, port) {
      if (errors.size === 0) return; // the usual case: nothing to look up
      const d = destinations.get(key(host, port));
      if (d?.isDirect) for (const id of d.ids) clear(id);
    },
    retarget(before, after, routesBefore, routes) {
      destinations = new Map();
      const old = new Map(before.map((t) => [t.id, t]));
      for (const t of after) {
        const route = routes.get(t.id);
        if (route && !('error' in route)) {
          const k = key(route.host, route.port);
          const d = destinations.get(k) ?? { ids: [], isDirect: !isImpaired(t.impairment) };
          d.ids.push(t.id);
          destinations.set(k, d);
        }
        const was = old.get(t.id);
        old.delete(t.id);
        const isSameRoute =
          was !== undefined &&
          was.host === t.host &&
          was.port === t.port &&
          isImpaired(was.impairment) === isImpaired(t.impairment);
        if (!isSameRoute || 'error' in (routesBefore.get(t.id) ?? {})) clear(t.id);
        if (route && 'error' in route) set(t.id, route.error);
      }
      for (const id of old.keys()) clear(id);
    },
    toRecord: () => Object.fromEntries(errors),
  };
}
