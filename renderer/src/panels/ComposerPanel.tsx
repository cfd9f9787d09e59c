/**
 * Send any OSC message (example 1): host:port, address, arguments in the log's own syntax with a
 * live typed preview, and optionally "at +ms" to send a bundle timetagged that far ahead.
 * Each problem is shown under the field that has it.
 */
import { useId, type ReactNode } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { formatJsonArg, parseComposeArgs } from '../lib/compose-args';
import type { ComposerDraft } from '../store/defaults';
import { isOffline } from '../store/slices/connection';

/** A labelled composer input with its error underneath. */
function ComposerInput({
  field,
  label,
  className = '',
  placeholder,
  inputMode,
  children,
}: {
  field: keyof ComposerDraft;
  label: string;
  className?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal';
  children?: ReactNode;
}) {
  const value = useApp((s) => s.composer[field]);
  const error = useApp((s) => s.composerErrors[field]);
  const setComposer = useApp((s) => s.setComposer);
  const id = useId();
  const testId = field === 'args' ? 'send-arg' : field === 'atMs' ? 'send-at' : `send-${field}`;
  return (
    <div className={`composer-field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        inputMode={inputMode}
        placeholder={placeholder}
        value={value}
        onChange={(e) => setComposer({ [field]: e.target.value })}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-err ${id}-help`}
        data-testid={testId}
      />
      {children && (
        <div className="hint" id={`${id}-help`}>
          {children}
        </div>
      )}
      <FieldError id={`${id}-err`} message={error} testId={`${testId}-error`} />
    </div>
  );
}

/** The arguments as they will be typed on the wire. */
function ArgsPreview() {
  const text = useApp((s) => s.composer.args);
  const parsed = parseComposeArgs(text);
  if (!parsed.ok) return null; // the error is shown beside the field as it is typed
  if (parsed.args.length === 0) return <>No arguments.</>;
  return (
    <ul className="arg-chips" aria-label="Typed arguments" data-testid="args-preview">
      {parsed.args.map((a, i) => (
        <li key={i}>{formatJsonArg(a)}</li>
      ))}
    </ul>
  );
}

/** See the file comment. */
export function ComposerPanel() {
  const sendError = useApp((s) => s.composerErrors.send);
  const result = useApp((s) => s.sendResult);
  const isSending = useApp((s) => s.isSending);
  const sendMessage = useApp((s) => s.sendMessage);
  const isDown = useApp(isOffline);
  return (
    <Panel title="Send a message" className="composer" testId="composer-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void sendMessage();
        }}
      >
        <div className="composer-grid">
          <ComposerInput field="host" label="Host" className="c-host" placeholder="127.0.0.1" />
          <ComposerInput field="port" label="Port" className="c-port" inputMode="numeric" />
          <ComposerInput field="address" label="Address" className="c-address" placeholder="/py" />
          <ComposerInput
            field="args"
            label="Arguments"
            className="c-args"
            placeholder='hello 42 0.5 s:"two words"'
          >
            <ArgsPreview />
          </ComposerInput>
          <ComposerInput
            field="atMs"
            label="Send at +ms"
            className="c-at"
            inputMode="decimal"
            placeholder="now"
          />
        </div>
        <div className="composer-actions">
          <button
            type="submit"
            className="primary"
            disabled={isSending || isDown}
            data-testid="send-button"
          >
            Send
          </button>
          <output className="send-result" data-testid="send-result">
            {result}
          </output>
        </div>
        <FieldError id="composer-send-error" message={sendError} testId="send-error" />
        <p className="hint">
          <strong>Send at +ms</strong> empty sends a plain message; a number sends a bundle
          timetagged that far ahead. <strong>Types</strong>: whole numbers are <code>i</code>, other
          numbers <code>f</code>, words <code>s</code>; force one with <code>d:0.1</code>,{' '}
          <code>s:42</code>, <code>h:…</code>, <code>T F N I</code>, arrays in <code>[ ]</code>.
          Lines from the log paste as they are.
        </p>
      </form>
    </Panel>
  );
}
