/**
 * The metronome: the settings the user edits (kept and persisted here, sent to the engine as
 * they change) and the engine's snapshot (transport, last beat, errors per target).
 *
 * Who wins: the user's edits are sent at once (the offset slider throttled); the engine's
 * settings are adopted only when the user has not edited for a moment, so a push that was on
 * its way never drags a slider back. On every (re)connection the engine gets the saved settings,
 * unless it is already running (another window is driving it), in which case we adopt its own.
 */
import { createThrottle } from '../../lib/throttle';
import type {
  MetronomeSettingsView,
  MetronomeSnapshot,
  MetronomeTargetView,
  MetronomeUpdate,
} from '../contract-types';
import { DIRECT, LIMITS, nextTargetId } from '../defaults';
import { fieldKey } from '../../../../shared/ipc/errors';
import { issuesOf, without, withoutTree } from './errors';
import type { Slice, SliceDeps } from './types';

/** Fields whose errors are shown beside them; targets use `target:<id>` and `target:<id>.host`. */
export type MetronomeField = 'mode' | 'bpm' | 'accentEvery' | 'offsetMs' | 'transport' | 'sync';

/** Settings the engine must accept before the screen shows them (never a refused value). */
const SCALARS = ['mode', 'bpm', 'accentEvery', 'offsetMs', 'lookaheadMs'] as const;
type Scalar = (typeof SCALARS)[number];

/**
 * The error key for a field path of a `metronome:update` request: `bpm`, `targets`, or a
 * target by its id (`target:t2`, `target:t2.host`, `target:t2.impairment.jitterMs`), since the
 * path's index is a position in the list that was sent. An empty path belongs to `fallback`.
 */
export function metronomeErrorKey(
  path: readonly (string | number)[],
  sent: MetronomeUpdate,
  fallback: string,
): string {
  const [head, index, ...rest] = path;
  if (head === undefined) return fallback;
  if (head !== 'targets') return String(head);
  const target = typeof index === 'number' ? sent.targets?.[index] : undefined;
  if (!target) return 'targets';
  return rest.length > 0 ? `target:${target.id}.${fieldKey(rest)}` : `target:${target.id}`;
}

/** How long after the user's last edit the engine's settings may replace the UI's. */
export const ADOPT_QUIET_MS = 600;

/** See the file comment. */
export interface MetronomeSlice {
  metronome: MetronomeSnapshot | null;
  settings: MetronomeSettingsView;
  /** Plain-words errors by field (`bpm`, `target:t2`, ...). */
  metronomeErrors: Record<string, string>;
  isTransportBusy: boolean;
  /** Applies `patch` and sends it; a refusal is shown beside `field`. */
  updateSettings(patch: Partial<MetronomeSettingsView>, field: string): void;
  /** Shows (or with null clears) a problem found before anything was sent. */
  setMetronomeError(field: string, message: string | null): void;
  /** The offset slider: applied at once, sent at most every liveUpdateIntervalMs. */
  setOffsetLive(offsetMs: number): void;
  updateTarget(id: string, patch: Partial<Omit<MetronomeTargetView, 'id'>>): void;
  addTarget(): void;
  removeTarget(id: string): void;
  /** Replaces all settings (a preset); resolves true when the engine accepted them. */
  replaceSettings(settings: MetronomeSettingsView): Promise<boolean>;
  startMetronome(): Promise<void>;
  stopMetronome(): Promise<void>;
  toggleMetronome(): Promise<void>;
  receiveMetronome(snapshot: MetronomeSnapshot): void;
  /** The connection (re)opened: the next snapshot decides who wins (see the file comment). */
  markNeedsSync(): void;
}

/** True when the engine will take `value` for the scalar `key` (LIMITS mirrors its ranges). */
function isInRange(key: string, value: unknown): boolean {
  if (key === 'mode') return value === 'immediate' || value === 'offset' || value === 'forward';
  const range = (LIMITS as Record<string, { min?: number; max?: number } | undefined>)[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || !range) return false;
  if (key === 'accentEvery' && !Number.isInteger(value)) return false;
  return value >= (range.min ?? -Infinity) && value <= (range.max ?? Infinity);
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Creates the slice. */
export const createMetronomeSlice =
  (deps: SliceDeps, initial: MetronomeSettingsView): Slice<MetronomeSlice> =>
  (set, get) => {
    let inFlight = 0;
    let lastEditAt = -Infinity;
    let needsSync = true;

    /** Puts each problem of a refusal beside the field it names. */
    const showRefusal = (error: unknown, field: string, sent: MetronomeUpdate): void => {
      const errors = { ...get().metronomeErrors };
      for (const issue of issuesOf(error)) {
        const key = metronomeErrorKey(issue.field, sent, field);
        errors[key] = errors[key] ? `${errors[key]} ${issue.message}` : issue.message;
      }
      set({ metronomeErrors: errors });
    };

    /** What the engine holds for the scalars that were sent (the screen shows nothing else). */
    const held = (
      patch: MetronomeUpdate,
      engine: MetronomeSettingsView,
    ): Partial<MetronomeSettingsView> =>
      Object.fromEntries(
        SCALARS.filter((k: Scalar) => k in patch).map((k) => [k, engine[k]]),
      ) as Partial<MetronomeSettingsView>;

    const send = async (patch: MetronomeUpdate, field: string): Promise<boolean> => {
      inFlight++;
      lastEditAt = deps.now();
      try {
        const metronome = await deps.bridge.invoke('metronome:update', patch);
        const settings = { ...get().settings, ...held(patch, metronome.settings) };
        if (settings.lookaheadMs === undefined) delete settings.lookaheadMs;
        set({ metronome, settings, metronomeErrors: withoutTree(get().metronomeErrors, field) });
        return true;
      } catch (error) {
        get().routeError(error, () => showRefusal(error, field, patch));
        // A refused value is not shown: back to what the engine holds (or had before).
        const engine = get().metronome?.settings;
        if (engine && !('targets' in patch)) {
          set({ settings: { ...get().settings, ...held(patch, engine) } });
        }
        return false;
      } finally {
        inFlight--;
        lastEditAt = deps.now();
      }
    };

    const sendOffset = createThrottle(
      (offsetMs: number) => void send({ offsetMs }, 'offsetMs'),
      deps.liveUpdateIntervalMs,
      deps.timers,
    );

    const setTargets = (targets: MetronomeTargetView[], field: string): void =>
      get().updateSettings({ targets }, field);

    const transport = async (command: 'metronome:start' | 'metronome:stop'): Promise<void> => {
      set({ isTransportBusy: true, metronomeErrors: without(get().metronomeErrors, 'transport') });
      sendOffset.flush(); // the beat about to play uses the slider's latest value
      try {
        set({ metronome: await deps.bridge.invoke(command, {}) });
      } catch (error) {
        get().routeError(error, (message) =>
          set({ metronomeErrors: { ...get().metronomeErrors, transport: message } }),
        );
      } finally {
        set({ isTransportBusy: false });
      }
    };

    /** Takes the engine's settings where the user has nothing pending or refused. */
    const adopt = (engine: MetronomeSettingsView): void => {
      const errors = get().metronomeErrors;
      const mine = get().settings;
      const next: MetronomeSettingsView = { ...engine };
      // A target the user is correcting keeps its draft; scalars always show the engine's.
      if (Object.keys(errors).some((k) => k.startsWith('target:'))) next.targets = mine.targets;
      if (!sameJson(next, mine)) set({ settings: next });
    };

    return {
      metronome: null,
      settings: initial,
      metronomeErrors: {},
      isTransportBusy: false,
      updateSettings(patch, field) {
        // Targets are drafts the user edits in place. A scalar is shown at once only when it is
        // in the engine's range; one it will refuse is never shown (the engine's words are).
        const shown = Object.fromEntries(
          Object.entries(patch).filter(([k, v]) => k === 'targets' || isInRange(k, v)),
        );
        set({
          settings: { ...get().settings, ...shown },
          metronomeErrors: withoutTree(get().metronomeErrors, field),
        });
        void send(patch, field);
      },
      setMetronomeError(field, message) {
        const errors = without(get().metronomeErrors, field);
        set({ metronomeErrors: message === null ? errors : { ...errors, [field]: message } });
      },
      setOffsetLive(offsetMs) {
        lastEditAt = deps.now();
        set({
          settings: { ...get().settings, offsetMs },
          metronomeErrors: without(get().metronomeErrors, 'offsetMs'),
        });
        sendOffset(offsetMs);
      },
      updateTarget(id, patch) {
        const targets = get().settings.targets.map((t) => (t.id === id ? { ...t, ...patch } : t));
        setTargets(targets, `target:${id}`);
      },
      addTarget() {
        const { targets } = get().settings;
        if (targets.length >= LIMITS.targets.max) return;
        const last = targets.at(-1);
        const id = nextTargetId(targets);
        const target: MetronomeTargetView = last
          ? { ...last, id, impairment: { ...last.impairment } }
          : {
              id,
              host: '127.0.0.1',
              port: 8001,
              address: '/tick',
              format: 'seed',
              impairment: DIRECT,
            };
        setTargets([...targets, target], `target:${id}`);
      },
      removeTarget(id) {
        const targets = get().settings.targets.filter((t) => t.id !== id);
        set({ metronomeErrors: withoutTree(get().metronomeErrors, `target:${id}`) });
        setTargets(targets, 'targets');
      },
      async replaceSettings(settings) {
        sendOffset.cancel();
        set({ settings, metronomeErrors: {} });
        return send(settings, 'sync');
      },
      startMetronome: () => transport('metronome:start'),
      stopMetronome: () => transport('metronome:stop'),
      toggleMetronome() {
        return get().metronome?.isRunning ? get().stopMetronome() : get().startMetronome();
      },
      receiveMetronome(metronome) {
        set({ metronome });
        if (needsSync) {
          needsSync = false;
          if (metronome.isRunning) adopt(metronome.settings);
          else void send(get().settings, 'sync');
          return;
        }
        const isQuiet =
          inFlight === 0 && !sendOffset.isPending && deps.now() - lastEditAt >= ADOPT_QUIET_MS;
        if (isQuiet) adopt(metronome.settings);
      },
      markNeedsSync() {
        needsSync = true;
      },
    };
  };
