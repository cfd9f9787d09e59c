/**
 * A minimal page that proves the path end to end (the workshop UI replaces it): connection
 * state, receiver status and counters, a send form, and the received messages.
 */
import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { EngineSnapshot, MessageItem } from '../../shared/ipc';
import type { Bridge } from './bridge';

const MAX_MESSAGES = 100;

/** The application's top-level component. */
export function App({ bridge }: { bridge: Bridge }) {
  // An external store: the socket may open between the first render and the effects.
  const connection = useSyncExternalStore(bridge.onConnection, () => bridge.connection);
  const [engine, setEngine] = useState<EngineSnapshot | null>(null);
  const [messages, setMessages] = useState<MessageItem[]>([]);
  const [error, setError] = useState('');
  const [sent, setSent] = useState('');

  useEffect(() => {
    const offs = [
      bridge.onState('engine:changed', setEngine),
      bridge.onStream('stream:messages', (frame) =>
        setMessages((old) => [...frame.items].reverse().concat(old).slice(0, MAX_MESSAGES)),
      ),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge]);

  const run = (action: () => Promise<unknown>) => (event?: FormEvent) => {
    event?.preventDefault();
    setError('');
    action().catch((e: Error) => setError(e.message));
  };
  const field = (form: HTMLFormElement, name: string): string =>
    (form.elements.namedItem(name) as HTMLInputElement).value;

  const startReceiver = (event: FormEvent<HTMLFormElement>) =>
    run(() =>
      bridge.invoke('receiver:start', { port: Number(field(event.currentTarget, 'port')) }),
    )(event);
  const send = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const arg = field(form, 'arg');
    run(async () => {
      const r = await bridge.invoke('osc:send', {
        host: field(form, 'host'),
        port: Number(field(form, 'port')),
        address: field(form, 'address'),
        args: arg === '' ? [] : [{ type: 's', value: arg }],
      });
      setSent(`sent ${r.bytes} bytes`);
    })(event);
  };

  const receiver = engine?.receiver;
  const counters = engine?.counters;
  return (
    <main>
      <h1>Syncroscope</h1>
      <p>
        Connection: <output data-testid="connection">{connection}</output>
      </p>
      <form onSubmit={startReceiver}>
        <h2>Receiver</h2>
        <output data-testid="receiver-status">
          {!receiver
            ? 'unknown'
            : receiver.status === 'listening'
              ? `listening on ${receiver.host}:${receiver.port}`
              : receiver.status === 'error'
                ? `error: ${receiver.error}`
                : 'stopped'}
        </output>{' '}
        <input
          name="port"
          data-testid="receiver-port"
          defaultValue="8000"
          size={6}
          aria-label="receive port"
        />
        <button data-testid="receiver-start">Start</button>
        <button
          type="button"
          data-testid="receiver-stop"
          onClick={run(() => bridge.invoke('receiver:stop', {}))}
        >
          Stop
        </button>
        <p data-testid="counters">
          {(['packets', 'messages', 'malformed', 'late'] as const).map((k) => (
            <span key={k}>
              {k}: <output data-testid={`counter-${k}`}>{counters?.[k] ?? 0}</output>{' '}
            </span>
          ))}
          sent: <output data-testid="counter-sent">{engine?.sent.packets ?? 0}</output>
        </p>
      </form>
      <form onSubmit={send}>
        <h2>Send</h2>
        <input name="host" data-testid="send-host" defaultValue="127.0.0.1" aria-label="host" />
        <input name="port" data-testid="send-port" defaultValue="8001" size={6} aria-label="port" />
        <input
          name="address"
          data-testid="send-address"
          defaultValue="/tick"
          aria-label="address"
        />
        <input name="arg" data-testid="send-arg" defaultValue="tick" aria-label="string argument" />
        <button data-testid="send-button">Send</button>{' '}
        <output data-testid="send-result">{sent}</output>
      </form>
      {error && (
        <p role="alert" data-testid="command-error">
          {error}
        </p>
      )}
      <h2>Received</h2>
      <ol data-testid="message-list">
        {messages.map((m, i) => (
          <li key={`${m.arrivalMs}-${i}`} data-testid="message-item">
            {m.address} {m.args.join(' ')} · {m.classification}
            {m.timetag ? ` @ ${m.timetag.iso}` : ''} · from {m.source}
          </li>
        ))}
      </ol>
    </main>
  );
}
