/**
 * The timecode roles: the settings the user edits (kept and persisted here, sent as they change),
 * the engine's snapshot, and the commands (start, stop, pause, locate, cue). As the metronome:
 * a refused value is never shown (the engine's words are, beside the field), list rows being
 * corrected keep their drafts, the engine's settings are adopted only once the user has been
 * quiet a moment, and on every (re)connection the engine gets the saved settings unless its
 * master is already running (another window drives it), in which case the page adopts them.
 */
import { TIMECODE_PORT } from '../../../shared/timecode';
import { ADOPT_QUIET_MS } from '../store/slices/metronome';
import { issuesOf, without, withoutTree } from '../store/slices/errors';
import type { Slice, SliceDeps } from '../store/slices/types';
import { nextId, timecodeErrorKey } from './error-keys';
import { LOCAL_HOST, NO_IMPAIRMENT } from './timecode-defaults';
import { createTimecodeLive, type TimecodeLive } from './timecode-live';
import type {
  CueListEntryView,
  TimecodeCueRequest,
  TimecodeSettingsView,
  TimecodeSnapshot,
  TimecodeTargetView,
} from './timecode-types';

/** The last cue sent now, as the engine put it on the wire. */
export interface SentCue {
  address: string;
  label: string | null;
  timetag: string | null;
}

/** See the file comment. */
export interface TimecodeSlice {
  timecode: TimecodeSnapshot | null;
  timecodeSettings: TimecodeSettingsView;
  /** Plain-words errors by key (`rate`, `target:client.port`, `cue:c1.label`, `locate`, ...). */
  timecodeErrors: Record<string, string>;
  isTimecodeBusy: boolean;
  /** Frames, what the client heard and the cue log (high rate: never React state). */
  readonly timecodeLive: TimecodeLive;
  lastCue: SentCue | null;
  /** Applies `patch` and sends it; a refusal is shown beside `field`. */
  updateTimecode(patch: Partial<TimecodeSettingsView>, field: string): void;
  setTimecodeError(field: string, message: string | null): void;
  updateTimecodeTarget(id: string, patch: Partial<Omit<TimecodeTargetView, 'id'>>): void;
  addTimecodeTarget(): void;
  removeTimecodeTarget(id: string): void;
  updateCue(id: string, patch: Partial<Omit<CueListEntryView, 'id'>>): void;
  addCue(): void;
  removeCue(id: string): void;
  /** Replaces every setting (a preset); resolves true when the engine took them. */
  replaceTimecode(settings: TimecodeSettingsView): Promise<boolean>;
  timecodeTransport(verb: 'start' | 'stop' | 'pause'): Promise<void>;
  locateTimecode(label: string): Promise<boolean>;
  /** Sends one cue now; a refusal is shown beside `field`. */
  sendCue(request: TimecodeCueRequest, field: string): Promise<boolean>;
  receiveTimecode(snapshot: TimecodeSnapshot): void;
  /** The connection (re)opened: the next snapshot decides who wins (see the file comment). */
  markTimecodeNeedsSync(): void;
}

const LISTS = ['targets', 'cueList'] as const;
const ROW_PREFIX = { targets: 'target:', cueList: 'cue:' } as const;
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Creates the slice. */
export const createTimecodeSlice =
  (deps: SliceDeps, initial: TimecodeSettingsView): Slice<TimecodeSlice> =>
  (set, get) => {
    let inFlight = 0;
    let lastEditAt = -Infinity;
    let needsSync = true;

    const putErrors = (
      error: unknown,
      field: string,
      sent: Partial<TimecodeSettingsView>,
    ): void => {
      const errors = { ...get().timecodeErrors };
      for (const issue of issuesOf(error)) {
        const key = timecodeErrorKey(issue.field, sent, field);
        errors[key] = errors[key] ? `${errors[key]} ${issue.message}` : issue.message;
      }
      set({ timecodeErrors: errors });
    };

    /** A refused command's every problem beside the control that sent it (the user looks there). */
    const putBeside = (error: unknown, field: string): void => {
      const message = issuesOf(error)
        .map((i) => i.message)
        .join(' ');
      set({ timecodeErrors: { ...get().timecodeErrors, [field]: message } });
    };

    /** The engine's settings, keeping the drafts of list rows that are being corrected. */
    const merged = (engine: TimecodeSettingsView): TimecodeSettingsView => {
      const mine = get().timecodeSettings;
      const keys = Object.keys(get().timecodeErrors);
      const next = { ...engine };
      for (const list of LISTS) {
        if (keys.some((k) => k === list || k.startsWith(ROW_PREFIX[list]))) {
          (next as Record<string, unknown>)[list] = mine[list];
        }
      }
      return next;
    };

    const send = async (patch: Partial<TimecodeSettingsView>, field: string): Promise<boolean> => {
      inFlight++;
      lastEditAt = deps.now();
      try {
        const timecode = await deps.bridge.invoke('timecode:update', patch);
        set({ timecode, timecodeErrors: withoutTree(get().timecodeErrors, field) });
        set({ timecodeSettings: merged(timecode.settings) });
        return true;
      } catch (error) {
        get().routeError(error, () => putErrors(error, field, patch));
        const engine = get().timecode?.settings;
        if (engine) set({ timecodeSettings: merged(engine) });
        return false;
      } finally {
        inFlight--;
        lastEditAt = deps.now();
      }
    };

    const command = async (
      run: () => Promise<TimecodeSnapshot>,
      field: string,
    ): Promise<boolean> => {
      set({ isTimecodeBusy: true, timecodeErrors: withoutTree(get().timecodeErrors, field) });
      try {
        set({ timecode: await run() });
        return true;
      } catch (error) {
        get().routeError(error, () => putBeside(error, field));
        return false;
      } finally {
        set({ isTimecodeBusy: false });
      }
    };

    const setList = <K extends (typeof LISTS)[number]>(
      list: K,
      value: TimecodeSettingsView[K],
      field: string,
    ): void => get().updateTimecode({ [list]: value }, field);

    return {
      timecode: null,
      timecodeSettings: initial,
      timecodeErrors: {},
      isTimecodeBusy: false,
      timecodeLive: createTimecodeLive(),
      lastCue: null,
      updateTimecode(patch, field) {
        set({
          timecodeSettings: { ...get().timecodeSettings, ...patch },
          timecodeErrors: withoutTree(get().timecodeErrors, field),
        });
        void send(patch, field);
      },
      setTimecodeError(field, message) {
        const errors = without(get().timecodeErrors, field);
        set({ timecodeErrors: message === null ? errors : { ...errors, [field]: message } });
      },
      updateTimecodeTarget(id, patch) {
        const targets = get().timecodeSettings.targets.map((t) =>
          t.id === id ? { ...t, ...patch } : t,
        );
        setList('targets', targets, `target:${id}`);
      },
      addTimecodeTarget() {
        const { targets } = get().timecodeSettings;
        const last = targets.at(-1);
        const id = nextId(targets, 't');
        const target: TimecodeTargetView = last
          ? { ...last, id, impairment: { ...last.impairment } }
          : { id, host: LOCAL_HOST, port: TIMECODE_PORT, impairment: { ...NO_IMPAIRMENT } };
        setList('targets', [...targets, target], `target:${id}`);
      },
      removeTimecodeTarget(id) {
        set({ timecodeErrors: withoutTree(get().timecodeErrors, `target:${id}`) });
        const targets = get().timecodeSettings.targets.filter((t) => t.id !== id);
        setList('targets', targets, 'targets');
      },
      updateCue(id, patch) {
        const cueList = get().timecodeSettings.cueList.map((c) =>
          c.id === id ? { ...c, ...patch } : c,
        );
        setList('cueList', cueList, `cue:${id}`);
      },
      addCue() {
        const { cueList, startLabel } = get().timecodeSettings;
        const id = nextId(cueList, 'c');
        const cue: CueListEntryView = {
          id,
          label: cueList.at(-1)?.label ?? startLabel,
          address: '/cue/lighting',
          args: [{ type: 's', value: 'Scene Bright' }],
          withTimecode: true,
        };
        setList('cueList', [...cueList, cue], `cue:${id}`);
      },
      removeCue(id) {
        set({ timecodeErrors: withoutTree(get().timecodeErrors, `cue:${id}`) });
        const cueList = get().timecodeSettings.cueList.filter((c) => c.id !== id);
        setList('cueList', cueList, 'cueList');
      },
      async replaceTimecode(settings) {
        set({ timecodeSettings: settings, timecodeErrors: {} });
        return send(settings, 'sync');
      },
      async timecodeTransport(verb) {
        await command(() => deps.bridge.invoke(`timecode:${verb}`, {}), 'transport');
      },
      locateTimecode: (label) =>
        command(() => deps.bridge.invoke('timecode:locate', { label }), 'locate'),
      async sendCue(request, field) {
        set({ timecodeErrors: withoutTree(get().timecodeErrors, field) });
        try {
          const sent = await deps.bridge.invoke('timecode:cue', request);
          set({ lastCue: { address: request.address, ...sent } });
          return true;
        } catch (error) {
          get().routeError(error, () => putBeside(error, field));
          return false;
        }
      },
      receiveTimecode(timecode) {
        set({ timecode });
        if (needsSync) {
          needsSync = false;
          if (timecode.master.state === 'running') set({ timecodeSettings: timecode.settings });
          else void send(get().timecodeSettings, 'sync');
          return;
        }
        const isQuiet = inFlight === 0 && deps.now() - lastEditAt >= ADOPT_QUIET_MS;
        if (!isQuiet) return;
        const next = merged(timecode.settings);
        if (!sameJson(next, get().timecodeSettings)) set({ timecodeSettings: next });
      },
      markTimecodeNeedsSync() {
        needsSync = true;
      },
    };
  };
