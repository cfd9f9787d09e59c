/**
 * The metronome's settings as the contract shows them (targets with ids and impairments) and
 * the one check every change goes through: the contract's view schema, built from the model, so
 * each problem keeps its field path and the same plain words the CLI prints.
 */
import type { MetronomeSettingsView, MetronomeTargetView } from '../../../shared/ipc';
import { metronomeSettingsViewSchema } from '../../../shared/ipc/domains/metronome';
import {
  DEFAULT_METRONOME_SETTINGS,
  describeSettingsProblem,
  fieldProblems,
  MetronomeSettingsError,
  validateMetronomeSettings,
  type FieldProblem,
  type MetronomeSettings,
  type MetronomeTarget,
} from '../../../shared/model';
import { invalid } from './context';

/** The settings before any update. */
export function defaultMetronomeView(): MetronomeSettingsView {
  return { ...DEFAULT_METRONOME_SETTINGS, targets: [] };
}

/**
 * The settings after `patch` (a given `targets` replaces the list), checked and normalized (BPM
 * to 0.001, hosts trimmed). Throws an 'invalid' error with every problem and its field, e.g.
 * "BPM must be between 20 and 300; target 2: the delay must be between 0 and 10000 ms" with
 * fields ['bpm'] and ['targets', 1, 'impairment', 'delayMs'].
 */
export function applyMetronomePatch(
  view: MetronomeSettingsView,
  patch: Partial<MetronomeSettingsView>,
): MetronomeSettingsView {
  const parsed = metronomeSettingsViewSchema.safeParse({ ...view, ...patch });
  if (!parsed.success) throw invalidSettings(fieldProblems(parsed.error));
  const merged = parsed.data;
  let settings: MetronomeSettings;
  try {
    settings = validateMetronomeSettings(toMetronomeSettings(merged));
  } catch (error) {
    // The view's schema already holds every rule the sender has; kept for safety.
    if (error instanceof MetronomeSettingsError) throw invalidSettings(error.issues);
    throw error;
  }
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

function invalidSettings(problems: readonly FieldProblem[]): Error {
  return invalid(problems, problems.map(describeSettingsProblem).join('; '));
}
