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
import { fieldOf, without } from './errors';
import type { Slice, SliceDeps } from './types';

/** Fields whose errors are shown beside them; targets use `target:<id>`. */
export type MetronomeField = 'mode' | 'bpm' | 'accentEvery' | 'offsetMs' | 'transport' | 'sync';

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

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Creates the slice. */
export const createMetronomeSlice =
  (deps: SliceDeps, initial: MetronomeSettingsView): Slice<MetronomeSlice> =>
  (set, get) => {
    let inFlight = 0;
    let lastEditAt = -Infinity;
    let needsSync = true;

    /** Puts a refusal beside the field it came from (targets by their position in `sent`). */
    const showRefusal = (message: string, field: string, sent: MetronomeUpdate): void => {
      let key = field;
      const named = fieldOf(message);
      const index = named?.startsWith('targets.') ? Number(named.slice(8)) : NaN;
      const target = sent.targets?.[index];
      if (target) key = `target:${target.id}`;
      set({ metronomeErrors: { ...get().metronomeErrors, [key]: message } });
    };

    const send = async (patch: MetronomeUpdate, field: string): Promise<boolean> => {
      inFlight++;
      lastEditAt = deps.now();
      try {
        const metronome = await deps.bridge.invoke('metronome:update', patch);
        set({ metronome, metronomeErrors: without(get().metronomeErrors, field) });
        return true;
      } catch (error) {
        get().routeError(error, (message) => showRefusal(message, field, patch));
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
      for (const key of ['mode', 'bpm', 'accentEvery', 'offsetMs'] as const) {
        if (key in errors) (next as Record<string, unknown>)[key] = mine[key];
      }
      if (Object.keys(errors).some((k) => k.startsWith('target:'))) next.targets = mine.targets;
      if (!sameJson(next, mine)) set({ settings: next });
    };

    return {
      metronome: null,
      settings: initial,
      metronomeErrors: {},
      isTransportBusy: false,
      updateSettings(patch, field) {
        set({
          settings: { ...get().settings, ...patch },
          metronomeErrors: without(get().metronomeErrors, field),
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
        set({ metronomeErrors: without(get().metronomeErrors, `target:${id}`) });
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
