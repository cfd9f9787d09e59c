/**
 * Where this computer listens: the seed role (Python 8000 / Pd 8001) or a custom port, whether
 * other computers can reach it (every interface, or this computer only), start and stop, and the
 * receiver's status. A socket error ("Port 8000 is already in use ...") appears
 * right under the port field.
 */
import { useId, useState } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { Segmented } from '../controls/Segmented';
import type { ReceiverRole } from '../store/defaults';
import type { EngineSnapshot } from '../store/contract-types';
import { isOffline } from '../store/slices/connection';

const ROLES: readonly { value: ReceiverRole; label: string }[] = [
  { value: 'python', label: 'Python · 8000' },
  { value: 'pd', label: 'Pd · 8001' },
  { value: 'custom', label: 'Custom' },
];

/** The status line, e.g. "listening on 127.0.0.1:8000" (an error is shown by the port field). */
export function receiverStatusText(engine: EngineSnapshot | null): string {
  const r = engine?.receiver;
  if (!r) return 'unknown';
  if (r.status === 'listening') return `listening on ${r.host}:${r.port}`;
  if (r.status === 'error') return 'not listening';
  return 'stopped';
}

/** See the file comment. */
export function ReceiverPanel() {
  const engine = useApp((s) => s.engine);
  const receiver = useApp((s) => s.receiver);
  const commandError = useApp((s) => s.receiverError?.message ?? null);
  const isBusy = useApp((s) => s.isReceiverBusy || isOffline(s));
  const setPort = useApp((s) => s.setReceiverPort);
  const setRole = useApp((s) => s.setReceiverRole);
  const setNetwork = useApp((s) => s.setReceiverNetwork);
  const start = useApp((s) => s.startReceiver);
  const stop = useApp((s) => s.stopReceiver);
  const [text, setText] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const id = useId();

  const status = engine?.receiver.status ?? 'unknown';
  const listeningPort = engine?.receiver.status === 'listening' ? engine.receiver.port : null;
  const engineError = engine?.receiver.status === 'error' ? engine.receiver.error : null;
  const error = inputError ?? commandError ?? engineError;

  const onPortText = (value: string): void => {
    setText(value);
    const port = Number(value);
    if (/^\d+$/.test(value.trim()) && port <= 65535) {
      setInputError(null);
      setPort(port);
    }
  };
  const onStart = (): void => {
    const port = Number(text ?? receiver.port);
    if (!/^\d+$/.test((text ?? String(receiver.port)).trim()) || port > 65535) {
      setInputError('The port must be a whole number from 0 to 65535 (0: any free port)');
      return;
    }
    setText(null);
    void start();
  };

  return (
    <Panel title="Listen" className="receiver" testId="receiver-panel">
      <Segmented
        legend="Receive role"
        className="role-options"
        options={ROLES.map((r) => ({ ...r, testId: `role-${r.value}` }))}
        value={receiver.role}
        onChange={(role) => {
          setText(null);
          setInputError(null);
          setRole(role);
        }}
      />
      <form
        className="receiver-row"
        onSubmit={(e) => {
          e.preventDefault();
          onStart();
        }}
      >
        <label htmlFor={`${id}-port`}>UDP port</label>
        <input
          id={`${id}-port`}
          className="num"
          type="text"
          inputMode="numeric"
          size={6}
          autoComplete="off"
          value={text ?? String(receiver.port)}
          onChange={(e) => onPortText(e.target.value)}
          onBlur={() => !inputError && setText(null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-err`}
          data-testid="receiver-port"
        />
        <button type="submit" disabled={isBusy} data-testid="receiver-start">
          {listeningPort === null
            ? 'Listen'
            : listeningPort === receiver.port
              ? 'Restart'
              : 'Switch'}
        </button>
        <button
          type="button"
          disabled={isBusy || status === 'stopped'}
          onClick={() => void stop()}
          data-testid="receiver-stop"
        >
          Stop
        </button>
      </form>
      <label
        className="check"
        title="Listen on every network interface (0.0.0.0), so the other computer of a pair can send here. Off: only programs on this computer can."
      >
        <input
          type="checkbox"
          checked={receiver.network}
          disabled={isBusy}
          onChange={(e) => void setNetwork(e.target.checked)}
          data-testid="receiver-network"
        />
        Reachable from other computers
      </label>
      <FieldError id={`${id}-err`} message={error} testId="receiver-error" />
      <p className={`status status-${status}`}>
        <span className="status-dot" aria-hidden="true" />
        <output data-testid="receiver-status">{receiverStatusText(engine)}</output>
      </p>
    </Panel>
  );
}
