/**
 * The timecode settings as the contract shows them, the one check every change goes through
 * (the contract's schema, so each problem keeps its field path), and what the master and the
 * client run, derived from them.
 */
import { argFromJson } from '../../../shared/ipc';
import {
  settingsTimebase,
  timecodeSettingsSchema,
  type TimecodeSettings,
} from '../../../shared/ipc/domains/timecode';
import { describeSettingsProblem, fieldProblems } from '../../../shared/model';
import { parseFrame, type Timebase } from '../../../shared/timecode';
import type { ClientCue } from '../timecode';
import { invalid } from './context';

/**
 * The settings after `patch` (given `targets` or `cueList` replace their lists), checked. Throws
 * an 'invalid' error with every problem and its field, e.g. "the start label: ..." at
 * ['startLabel'] or "cue 2: ..." at ['cueList', 1, 'label'].
 */
export function applyTimecodePatch(
  settings: TimecodeSettings,
  patch: Partial<TimecodeSettings>,
): TimecodeSettings {
  const parsed = timecodeSettingsSchema.safeParse({ ...settings, ...patch });
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error);
    throw invalid(problems, problems.map(describeSettingsProblem).join('; '));
  }
  return parsed.data;
}

/** The timebase of checked settings. */
export function timebaseOf(s: TimecodeSettings): Timebase {
  return settingsTimebase(s)!;
}

/** The master's start frame. */
export function startFrameOf(s: TimecodeSettings): number {
  return parseFrame(timebaseOf(s), s.startLabel);
}

/** The client's cue list with labels read and arguments made OSC. */
export function clientCuesOf(s: TimecodeSettings): ClientCue[] {
  const tb = timebaseOf(s);
  return s.cueList.map((c) => ({
    id: c.id,
    frame: parseFrame(tb, c.label),
    address: c.address,
    args: c.args.map(argFromJson),
    withTimecode: c.withTimecode,
  }));
}

/** True when the role runs the master. */
export const hasMaster = (s: TimecodeSettings): boolean => s.role === 'master' || s.role === 'pair';
/** True when the role runs the client. */
export const hasClient = (s: TimecodeSettings): boolean => s.role === 'client' || s.role === 'pair';
