/**
 * One-click setups for the workshop's examples (see the seeds): which port this instance
 * listens on, what the metronome sends where, and what the composer is ready to send.
 *
 * Every target is this computer's own receiver, so a single laptop reproduces each example.
 * The receive port follows the seed's role (Python 8000, Pd 8001) unless the user chose a
 * custom port (e.g. because the seed's own Python server already holds 8000): then the preset
 * keeps that port and points its targets at it.
 */
import type { MetronomeSettingsView } from '../store/contract-types';
import {
  DIRECT,
  localTarget,
  SEED_PORTS,
  type ComposerDraft,
  type ReceiverDraft,
} from '../store/defaults';

/** The workshop's relay: Wi-Fi on one laptop (20 ms delay, 10 ms jitter, no loss). */
export const WIFI_LIKE = { delayMs: 20, jitterMs: 10, loss: 0 } as const;

/** What a preset sets up. */
export interface PresetSetup {
  receiver: ReceiverDraft;
  metronome: MetronomeSettingsView;
  composer: Partial<ComposerDraft>;
}

/** A workshop example. */
export interface Preset {
  id: 'ex1' | 'ex2' | 'ex3' | 'part4';
  /** "Example 2". */
  label: string;
  /** "Networked metronome". */
  title: string;
  /** What it sets up, in one sentence. */
  summary: string;
  /** What to listen and look for. */
  listenFor: string;
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
    listenFor: 'Uneven ticks: the jitter is audible (output sd ≈ 10 ms).',
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
    listenFor: 'Steady again, half a second after sending (lead ≈ 480 ms).',
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
    listenFor: 'One tick per beat, no flams. Drag F under ~30 ms: late ticks appear.',
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
];

/** The preset with this id, if any. */
export function presetById(id: string | null): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** What `preset` sets up, given where this instance listens now (see the file comment). */
export function presetSetup(preset: Preset, current: ReceiverDraft): PresetSetup {
  const receiver: ReceiverDraft =
    current.role === 'custom' && current.port > 0
      ? current
      : { role: preset.role, port: SEED_PORTS[preset.role] };
  return { receiver, ...preset.setup(receiver.port) };
}
