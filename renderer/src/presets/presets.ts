/**
 * One-click setups for the workshop's examples (see the seeds): which port this instance
 * listens on, what the metronome sends where, what the composer is ready to send, and for the
 * SMPTE pair the timecode roles (master and client on this one engine).
 *
 * Every target is this computer's own receiver, so a single laptop reproduces each example.
 * The receive port follows the seed's role (Python 8000, Pd 8001) unless the user chose a
 * custom port (e.g. because the seed's own Python server already holds 8000): then the preset
 * keeps that port and points its targets at it.
 */
import { SEED_CUES } from '../../../shared/timecode';
import type { MetronomeSettingsView } from '../store/contract-types';
import { defaultTimecode } from '../timecode/timecode-defaults';
import type { TimecodeSettingsView } from '../timecode/timecode-types';
import {
  defaultMetronome,
  DIRECT,
  localTarget,
  SEED_PORTS,
  type ComposerDraft,
  type ReceiverDraft,
} from '../store/defaults';

/** The workshop's relay: Wi-Fi on one laptop (20 ms delay, 10 ms jitter, no loss). */
export const WIFI_LIKE = { delayMs: 20, jitterMs: 10, loss: 0 } as const;

/**
 * What a participant should see in the Timing panel, as numbers the preset's text quotes and a
 * measured test (test/presets/) checks against a real run of the engine with these settings.
 */
export interface PresetFigures {
  /** Output interval error sd of the worst stream. Played on arrival, an interval is the
   * difference of two independent relay delays: sd = sqrt(2) x jitter (about 14 ms for 10 ms). */
  outputSdMs?: number;
  /** The output sd stays below this: "steady" (a timetag removed the network's jitter). */
  steadyBelowMs?: number;
  /** Median arrival lead of the relayed stream: F minus the relay's mean delay. */
  leadMs?: number;
  /** F below which late ticks appear: the relay's worst delay (mean + about 2 sd). */
  lateBelowMs?: number;
}

/** The relay's delay is normal: an interval between two arrivals varies by sqrt(2) sd. */
const PLAYED_ON_ARRIVAL_SD_MS = Math.round(Math.SQRT2 * WIFI_LIKE.jitterMs);
/**
 * The output sd a timetagged preset stays under, even on a busy laptop: idle it is a fraction of
 * a millisecond, but a stalled sender or engine thread shows as output error (offset mode stamps
 * the moment of sending, so its lateness passes straight through).
 */
const STEADY_BELOW_MS = 5;
/** Where a relayed tick is late more than now and then (1 in 40 beyond mean + 2 sd). */
const WORST_DELAY_MS = WIFI_LIKE.delayMs + 2 * WIFI_LIKE.jitterMs;

/** What a preset sets up. */
export interface PresetSetup {
  receiver: ReceiverDraft;
  metronome: MetronomeSettingsView;
  composer: Partial<ComposerDraft>;
  /** The timecode roles, for a timecode example (the others leave them as they are). */
  timecode?: TimecodeSettingsView;
}

/** A workshop example. */
export interface Preset {
  id: 'ex1' | 'ex2' | 'ex3' | 'part4' | 'smpte-pair';
  /** "Example 2". */
  label: string;
  /** "Networked metronome". */
  title: string;
  /** What it sets up, in one sentence. */
  summary: string;
  /** What to listen and look for (it quotes `figures`). */
  listenFor: string;
  /** How `listenFor` is introduced: "Listen for" unless there is only something to watch. */
  listenLabel?: 'Listen for' | 'Watch for';
  /** The numbers `listenFor` quotes. */
  figures: PresetFigures;
  role: 'python' | 'pd';
  setup(port: number): Omit<PresetSetup, 'receiver'>;
}

/** The presets, in workshop order. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'ex1',
    label: 'Example 1',
    title: 'p2p messages',
    summary: 'Listen on 8000 as the Python side; the composer is set to send it /py "hello".',
    listenFor: 'Send, and watch it arrive in the log. Then try a neighbour’s IP.',
    figures: {},
    role: 'python',
    setup: (port) => ({
      metronome: {
        mode: 'immediate',
        bpm: 120,
        accentEvery: 4,
        offsetMs: 0,
        targets: [localTarget('t1', port, '/py')],
      },
      composer: { host: '127.0.0.1', port: String(port), address: '/py', args: 'hello', atMs: '' },
    }),
  },
  {
    id: 'ex2',
    label: 'Example 2',
    title: 'Networked metronome',
    summary: 'Plain /pd ticks at 120 BPM through a 20 ± 10 ms relay, played on arrival.',
    listenFor: `Uneven ticks: the jitter is audible (output sd ≈ ${PLAYED_ON_ARRIVAL_SD_MS} ms, √2 × the relay’s 10 ms).`,
    figures: { outputSdMs: PLAYED_ON_ARRIVAL_SD_MS },
    role: 'pd',
    setup: (port) => ({
      metronome: {
        mode: 'immediate',
        bpm: 120,
        accentEvery: 4,
        offsetMs: 0,
        targets: [localTarget('t1', port, '/pd', WIFI_LIKE)],
      },
      composer: { host: '127.0.0.1', port: String(port), address: '/pd', args: 'tick', atMs: '' },
    }),
  },
  {
    id: 'ex3',
    label: 'Example 3',
    title: 'Timetags',
    summary: 'The same relay; each tick is a bundle timetagged send time + 500 ms.',
    listenFor: `Steady again (output sd < ${STEADY_BELOW_MS} ms, not ≈ ${PLAYED_ON_ARRIVAL_SD_MS}), half a second after sending (lead ≈ ${500 - WIFI_LIKE.delayMs} ms).`,
    figures: { steadyBelowMs: STEADY_BELOW_MS, leadMs: 500 - WIFI_LIKE.delayMs },
    role: 'pd',
    setup: (port) => ({
      metronome: {
        mode: 'offset',
        bpm: 120,
        accentEvery: 4,
        offsetMs: 500,
        targets: [localTarget('t1', port, '/pd', WIFI_LIKE)],
      },
      composer: {
        host: '127.0.0.1',
        port: String(port),
        address: '/pd',
        args: 'tick',
        atMs: '500',
      },
    }),
  },
  {
    id: 'part4',
    label: 'Part 4',
    title: 'Forward sync',
    summary: 'Beats timetagged grid time + 100 ms, sent direct and through the relay.',
    listenFor: `One tick per beat, no flams (output sd < ${STEADY_BELOW_MS} ms). Drag F under ~${WORST_DELAY_MS} ms: late ticks appear.`,
    figures: { steadyBelowMs: STEADY_BELOW_MS, lateBelowMs: WORST_DELAY_MS },
    role: 'python',
    setup: (port) => ({
      metronome: {
        mode: 'forward',
        bpm: 100,
        accentEvery: 4,
        offsetMs: 100,
        targets: [
          localTarget('t1', port, '/py', DIRECT),
          localTarget('t2', port, '/tick', WIFI_LIKE),
        ],
      },
      composer: {
        host: '127.0.0.1',
        port: String(port),
        address: '/tick',
        args: 'tick',
        atMs: '100',
      },
    }),
  },
  {
    id: 'smpte-pair',
    label: 'SMPTE',
    title: 'Timecode pair',
    summary:
      'Master and client on this laptop: 25 fps /sync/timecode through a 20 ± 10 ms relay; the seed’s cues every 5 s.',
    listenLabel: 'Watch for',
    listenFor:
      'Press Start under Timecode. Plain: each label shows when it arrives, so the display stutters and the client’s error scatters. Switch to Forward: steady, on the timetags; the error goes flat.',
    figures: {},
    role: 'python',
    setup: (port) => ({
      metronome: { ...defaultMetronome(), targets: [localTarget('t1', port, '/tick')] },
      composer: {},
      timecode: smptePairTimecode(port),
    }),
  },
];

/**
 * The SMPTE pair's timecode: role pair at 25 fps, the master's frames to this engine's own
 * receiver through the workshop's relay, and the seed client's four cues as a cue list, 5 s
 * apart, so the master's log fills without a click.
 */
function smptePairTimecode(port: number): TimecodeSettingsView {
  return {
    ...defaultTimecode(),
    role: 'pair',
    rate: '25',
    dropFrame: false,
    sendMode: 'plain',
    forwardMs: 100,
    targets: [{ id: 'client', host: '127.0.0.1', port, impairment: { ...WIFI_LIKE } }],
    cueTarget: { host: '127.0.0.1', port },
    cueList: SEED_CUES.map((cue, i) => ({
      id: `c${i + 1}`,
      label: `00:00:${String(5 * (i + 1)).padStart(2, '0')}:00`,
      address: cue.address,
      args: [{ type: 's', value: cue.text }],
      withTimecode: cue.withTimecode,
    })),
  };
}

/** What a timecode preset must still hold to stay marked (plain/forward is its exercise). */
const timecodeRoute = (t: TimecodeSettingsView) => ({
  role: t.role,
  rate: t.rate,
  dropFrame: t.dropFrame,
  impairment: t.targets[0]?.impairment ?? null,
});

/** True while the settings are still what `preset` set up (nothing changed since). */
export function isPresetIntact(
  preset: Preset,
  receiver: ReceiverDraft,
  metronome: MetronomeSettingsView,
  timecode?: TimecodeSettingsView,
): boolean {
  const setup = presetSetup(preset, receiver);
  if (setup.receiver.port !== receiver.port) return false;
  if (setup.timecode) {
    return (
      timecode !== undefined &&
      JSON.stringify(timecodeRoute(setup.timecode)) === JSON.stringify(timecodeRoute(timecode))
    );
  }
  const want = setup.metronome;
  const same = (['mode', 'bpm', 'accentEvery', 'offsetMs'] as const).every(
    (k) => want[k] === metronome[k],
  );
  const route = (t: MetronomeSettingsView['targets'][number]) => ({
    host: t.host,
    port: t.port,
    address: t.address,
    format: t.format,
    impairment: t.impairment,
  });
  return (
    same && JSON.stringify(want.targets.map(route)) === JSON.stringify(metronome.targets.map(route))
  );
}

/** The preset with this id, if any. */
export function presetById(id: string | null): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** What `preset` sets up, given where this instance listens now (see the file comment). */
export function presetSetup(preset: Preset, current: ReceiverDraft): PresetSetup {
  const receiver: ReceiverDraft =
    current.role === 'custom' && current.port > 0
      ? current
      : { role: preset.role, port: SEED_PORTS[preset.role], network: current.network };
  return { receiver, ...preset.setup(receiver.port) };
}
