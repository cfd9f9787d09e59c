/** The message log's view options and the composer (example 1: send any message). */
import { parseComposeArgs } from '../../lib/compose-args';
import type { OscSendRequest } from '../contract-types';
import type { ComposerDraft } from '../defaults';
import { issuesOf, without } from './errors';
import type { Slice, SliceDeps } from './types';

/** Composer fields that can carry an error, plus `send` for the rest. */
export type ComposerField = keyof ComposerDraft | 'send';

/** The furthest ahead a bundle may be timetagged (the contract's limit). */
export const MAX_AT_MS = 3_600_000;

/** See the file comment. */
export interface MessagesSlice {
  logFilter: string;
  isLogPaused: boolean;
  showTicks: boolean;
  setLogFilter(filter: string): void;
  setLogPaused(isPaused: boolean): void;
  setShowTicks(showTicks: boolean): void;
  clearLog(): void;
  composer: ComposerDraft;
  composerErrors: Partial<Record<ComposerField, string>>;
  /** "sent 20 bytes" after a send. */
  sendResult: string;
  isSending: boolean;
  setComposer(patch: Partial<ComposerDraft>): void;
  /** Validates the fields, then sends; errors land beside their field. */
  sendMessage(): Promise<boolean>;
}

/** The request the composer's fields describe, or the errors by field. */
export function composeRequest(
  draft: ComposerDraft,
): { ok: true; request: OscSendRequest } | { ok: false; errors: MessagesSlice['composerErrors'] } {
  const errors: MessagesSlice['composerErrors'] = {};
  const host = draft.host.trim();
  if (!host) errors.host = 'Enter a host, e.g. 127.0.0.1';
  else if (/[\s/?#@]/.test(host)) errors.host = 'The host must be an IP address or a name';
  const port = Number(draft.port.trim());
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    errors.port = 'The port must be a whole number from 1 to 65535';
  }
  const address = draft.address.trim();
  if (!/^\/\S*$/.test(address))
    errors.address = "The address must start with '/' and have no spaces";
  const args = parseComposeArgs(draft.args);
  if (!args.ok) errors.args = args.error;
  const at = draft.atMs.trim();
  const atMs = at === '' ? undefined : Number(at);
  if (atMs !== undefined && !(atMs >= 0 && atMs <= MAX_AT_MS)) {
    errors.atMs = 'Send at +ms must be 0 to 3600000 (or empty: a plain message)';
  }
  if (Object.keys(errors).length > 0 || !args.ok) return { ok: false, errors };
  const request: OscSendRequest = { host, port, address, args: args.args };
  if (atMs !== undefined) request.atMs = atMs;
  return { ok: true, request };
}

/** Creates the slice. */
export const createMessagesSlice =
  (deps: SliceDeps, composer: ComposerDraft): Slice<MessagesSlice> =>
  (set, get) => ({
    logFilter: '',
    isLogPaused: false,
    showTicks: true,
    setLogFilter: (logFilter) => set({ logFilter }),
    setLogPaused: (isLogPaused) => set({ isLogPaused }),
    setShowTicks: (showTicks) => set({ showTicks }),
    clearLog: () => deps.live.getState().clearMessages(),
    composer,
    composerErrors: {},
    sendResult: '',
    isSending: false,
    setComposer(patch) {
      let composerErrors = without(get().composerErrors as Record<string, string>, 'send');
      for (const key of Object.keys(patch)) composerErrors = without(composerErrors, key);
      // The argument syntax is checked as it is typed, not only on Send.
      if (patch.args !== undefined) {
        const parsed = parseComposeArgs(patch.args);
        if (!parsed.ok) composerErrors = { ...composerErrors, args: parsed.error };
      }
      set({ composer: { ...get().composer, ...patch }, composerErrors });
    },
    async sendMessage() {
      const composed = composeRequest(get().composer);
      if (!composed.ok) {
        set({ composerErrors: composed.errors, sendResult: '' });
        return false;
      }
      set({ isSending: true, composerErrors: {}, sendResult: '' });
      try {
        const result = await deps.bridge.invoke('osc:send', composed.request);
        const when = result.timetag ? ` · timetag ${result.timetag.ntpHex}` : '';
        set({ sendResult: `sent ${result.bytes} bytes${when}` });
        return true;
      } catch (error) {
        get().routeError(error, () => {
          const composerErrors: MessagesSlice['composerErrors'] = {};
          for (const issue of issuesOf(error)) {
            // `args.2.value` belongs to the arguments field; an unknown or empty path to Send.
            const head = String(issue.field[0] ?? '');
            const field: ComposerField = head in get().composer ? (head as ComposerField) : 'send';
            const had = composerErrors[field];
            composerErrors[field] = had ? `${had} ${issue.message}` : issue.message;
          }
          set({ composerErrors });
        });
        return false;
      } finally {
        set({ isSending: false });
      }
    },
  });
