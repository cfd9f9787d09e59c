/**
 * The UI's settings and their defaults: what a first start looks like, and what corrupt or
 * missing saved settings fall back to. Limits, defaults and seed ports are the model's
 * (shared/model), the same numbers the engine enforces.
 */
import { DEFAULT_METRONOME_SETTINGS, SEED_PORTS } from '../../../shared/model/defaults';
import { IMPAIRMENT_LIMITS, METRONOME_LIMITS } from '../../../shared/model/limits';
import type { ImpairmentView, MetronomeSettingsView, MetronomeTargetView } from './contract-types';

export { SEED_PORTS };
/** Which seed program this instance stands in for, or a port of the user's choosing. */
export type ReceiverRole = keyof typeof SEED_PORTS | 'custom';

/** Metronome and target impairment limits, as the engine enforces them. */
export const LIMITS = { ...METRONOME_LIMITS, ...IMPAIRMENT_LIMITS } as const;

/** Where the local receiver listens. */
export interface ReceiverDraft {
  role: ReceiverRole;
  port: number;
  /**
   * Reachable from other computers: listen on every interface (0.0.0.0), as the workshop's
   * pairs need. Off: this computer only (127.0.0.1), nothing on the network can send to it.
   */
  network: boolean;
}

/** The address the receiver binds for a draft. */
export function receiverHost(draft: ReceiverDraft): string {
  return draft.network ? '0.0.0.0' : '127.0.0.1';
}

/** The message composer's fields (example 1). */
export interface ComposerDraft {
  host: string;
  port: string;
  address: string;
  /** Arguments as typed: `tick 42 0.5 s:"a b" T` (see compose-args.ts). */
  args: string;
  /** Empty: a plain message; otherwise a bundle timetagged this many ms ahead. */
  atMs: string;
}

/** Plot options worth keeping across restarts. */
export interface PlotOptions {
  windowS: number;
  /** Also plot the arrival interval error (the network's jitter, before timetags remove it). */
  showArrival: boolean;
}

/** The plot's time windows, in seconds. */
export const PLOT_WINDOWS_S = [10, 30, 120] as const;

/** A direct path: no relay. */
export const DIRECT: ImpairmentView = { delayMs: 0, jitterMs: 0, loss: 0 };

/** A target on this computer. */
export function localTarget(
  id: string,
  port: number,
  address: string,
  impairment: ImpairmentView = DIRECT,
): MetronomeTargetView {
  return { id, host: '127.0.0.1', port, address, format: 'seed', impairment: { ...impairment } };
}

/** First start: forward sync to this computer's Python-role receiver. */
export function defaultMetronome(): MetronomeSettingsView {
  return {
    ...DEFAULT_METRONOME_SETTINGS,
    targets: [localTarget('t1', SEED_PORTS.python, '/tick')],
  };
}

/** First start: the Python role. */
export function defaultReceiver(): ReceiverDraft {
  return { role: 'python', port: SEED_PORTS.python, network: false };
}

/** First start: example 1's message to the Python side. */
export function defaultComposer(): ComposerDraft {
  return {
    host: '127.0.0.1',
    port: String(SEED_PORTS.pd),
    address: '/tick',
    args: 'tick',
    atMs: '',
  };
}

/** First start: the last 30 s. */
export function defaultPlotOptions(): PlotOptions {
  return { windowS: 30, showArrival: true };
}

/** True when the impairment is all zero (no relay in front of the target). */
export function isDirect(i: ImpairmentView): boolean {
  return i.delayMs === 0 && i.jitterMs === 0 && i.loss === 0;
}

/** The role a port implies. */
export function roleForPort(port: number): ReceiverRole {
  if (port === SEED_PORTS.python) return 'python';
  if (port === SEED_PORTS.pd) return 'pd';
  return 'custom';
}

/** A target id not used yet ('t1', 't2', ...): stable, so errors stay beside their row. */
export function nextTargetId(targets: readonly MetronomeTargetView[]): string {
  const used = new Set(targets.map((t) => t.id));
  for (let n = 1; ; n++) if (!used.has(`t${n}`)) return `t${n}`;
}
