/**
 * The metronome's settings as the contract shows them (targets with ids and impairments) and
 * the one check every change goes through: the metronome's own validator for what it knows
 * (BPM, mode, F, hosts, ports, addresses) plus the ids and impairments, in the same plain words.
 */
import {
  DEFAULT_METRONOME_SETTINGS,
  METRONOME_LIMITS,
  type MetronomeSettingsView,
  type MetronomeTargetView,
} from '../../../shared/ipc';
import {
  MetronomeSettingsError,
  validateMetronomeSettings,
  type MetronomeSettings,
  type MetronomeTarget,
} from '../metronome';
import { invalid } from './context';

/** The settings before any update. */
export function defaultMetronomeView(): MetronomeSettingsView {
  return { ...DEFAULT_METRONOME_SETTINGS, targets: [] };
}

/**
 * The settings after `patch` (a given `targets` replaces the list), checked and normalized (BPM
 * to 0.001, hosts trimmed). Throws an 'invalid' error listing every problem, e.g. "BPM must be
 * between 20 and 300; target 2: the delay must be between 0 and 10000 ms".
 */
export function applyMetronomePatch(
  view: MetronomeSettingsView,
  patch: Partial<MetronomeSettingsView>,
): MetronomeSettingsView {
  const merged: MetronomeSettingsView = { ...view, ...patch };
  if (merged.targets.length > METRONOME_LIMITS.targets.max) {
    throw invalid(`at most ${METRONOME_LIMITS.targets.max} targets`);
  }
  const problems: string[] = [];
  let settings: MetronomeSettings | null = null;
  try {
    settings = validateMetronomeSettings(toMetronomeSettings(merged));
  } catch (error) {
    if (!(error instanceof MetronomeSettingsError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...targetProblems(merged.targets));
  if (problems.length > 0 || settings === null) throw invalid(problems.join('; '));
  const { mode, bpm, accentEvery, offsetMs, lookaheadMs } = settings;
  return {
    mode,
    bpm,
    accentEvery,
    offsetMs,
    ...(lookaheadMs === undefined ? {} : { lookaheadMs }),
    targets: merged.targets.map((t, i) => ({
      id: t.id,
      ...settings.targets[i]!,
      impairment: { ...t.impairment },
    })),
  };
}

/**
 * What the metronome runs: the view with each target's host and port replaced by its route
 * (`routeOf`; null leaves the target out, e.g. while its relay cannot start).
 */
export function toMetronomeSettings(
  view: MetronomeSettingsView,
  routeOf: (t: MetronomeTargetView) => { host: string; port: number } | null = (t) => t,
): MetronomeSettings {
  const targets: MetronomeTarget[] = [];
  for (const t of view.targets) {
    const route = routeOf(t);
    if (route)
      targets.push({ host: route.host, port: route.port, address: t.address, format: t.format });
  }
  const { mode, bpm, accentEvery, offsetMs, lookaheadMs } = view;
  return {
    mode,
    bpm,
    accentEvery,
    offsetMs,
    targets,
    ...(lookaheadMs === undefined ? {} : { lookaheadMs }),
  };
}

function targetProblems(targets: readonly MetronomeTargetView[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const { delayMs, jitterMs, loss } = METRONOME_LIMITS;
  targets.forEach((t, index) => {
    const say = (text: string) => problems.push(`target ${index + 1}: ${text}`);
    if (t.id.trim() === '' || t.id.length > 64) say('the id must be 1 to 64 characters');
    else if (seen.has(t.id)) say(`the id "${t.id}" is used by another target`);
    seen.add(t.id);
    const i = t.impairment;
    if (!(i.delayMs >= delayMs.min && i.delayMs <= delayMs.max))
      say(`the delay must be between ${delayMs.min} and ${delayMs.max} ms`);
    if (!(i.jitterMs >= jitterMs.min && i.jitterMs <= jitterMs.max))
      say(`the jitter must be between ${jitterMs.min} and ${jitterMs.max} ms`);
    if (!(i.loss >= loss.min && i.loss <= loss.max))
      say('the loss must be a fraction from 0 to 1 (0.01 = 1 %)');
  });
  return problems;
}
