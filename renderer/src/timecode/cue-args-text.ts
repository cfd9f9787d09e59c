/**
 * A cue's arguments as one line of the composer's syntax (lib/compose-args.ts): strings quoted
 * ("Scene Bright") rather than typed (s:"Scene Bright"), since a cue's text is what people type;
 * everything else as the message log prints it. Reading it back gives the same arguments.
 */
import type { JsonArg } from '../../../shared/ipc/args-json';
import { formatJsonArg } from '../lib/compose-args';

/** The arguments as editable text. */
export function cueArgsText(args: readonly JsonArg[]): string {
  return args.map((a) => (a.type === 's' ? JSON.stringify(a.value) : formatJsonArg(a))).join(' ');
}
