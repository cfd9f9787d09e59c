// @vitest-environment happy-dom
/**
 * The screen's logic against a fake engine: settings reach the engine, the space bar drives the
 * transport, and every error lands beside the field that caused it.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { defaultMetronome } from './store/defaults';
import { metronomeSnapshot } from './testing/fixtures';
import { renderWithServices } from './testing/render-app';
import { ZERO_RECEIVE_COUNTERS } from '../../shared/ipc/constants';

vi.mock('uplot', () => import('./testing/uplot-mock'));
vi.mock('./audio/AudioControls', () => ({ AudioControls: () => null }));

afterEach(cleanup);

/** The element an input's aria-describedby points at, that holds `text`. */
function describedError(input: HTMLElement, text: string | RegExp): HTMLElement {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/);
  const error = ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.textContent?.match(text));
  if (!error) throw new Error(`no error ${text} described by ${input.outerHTML}`);
  return error;
}

describe('the workshop screen', () => {
  it('gives an idle engine the saved settings when it connects', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    expect(bridge.callsOf('metronome:update')[0]).toEqual(defaultMetronome());
  });

  it('starts and stops the metronome with the space bar, except while typing in a field', async () => {
    const { bridge } = renderWithServices(<App />);
    await screen.findByTestId('transport-toggle');
    fireEvent.keyDown(document.body, { key: ' ', code: 'Space' });
    await waitFor(() =>
      expect(screen.getByTestId('transport-toggle').textContent).toContain('Stop'),
    );
    expect(bridge.callsOf('metronome:start')).toHaveLength(1);

    const bpm = screen.getByTestId('setting-bpm');
    bpm.focus();
    fireEvent.keyDown(bpm, { key: ' ', code: 'Space' });
    fireEvent.keyDown(screen.getByTestId('log-filter'), { key: ' ', code: 'Space' });
    expect(bridge.callsOf('metronome:stop')).toHaveLength(0);

    fireEvent.keyDown(document.body, { key: ' ', code: 'Space' });
    await waitFor(() => expect(bridge.callsOf('metronome:stop')).toHaveLength(1));
  });

  it('shows a refused BPM in the engine’s words beside the BPM field', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    bridge.failNext('metronome:update', 'invalid', 'BPM must be between 20 and 300');
    const bpm = screen.getByTestId('setting-bpm');
    fireEvent.change(bpm, { target: { value: '400' } });
    fireEvent.keyDown(bpm, { key: 'Enter' });
    const error = await screen.findByTestId('error-bpm');
    expect(error.textContent).toContain('BPM must be between 20 and 300');
    expect(describedError(bpm, 'BPM must be')).toBe(error);
    expect(bpm.closest('.setting')?.contains(error)).toBe(true);
    expect(bridge.callsOf('metronome:update').at(-1)).toEqual({ bpm: 400 });
  });

  it('shows a port in use under the port field', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1)); // on launch
    const message = 'Port 8000 is already in use (another program is listening there).';
    bridge.failNext('receiver:start', 'port-in-use', message);
    fireEvent.click(screen.getByTestId('receiver-start'));
    const port = screen.getByTestId('receiver-port');
    await waitFor(() =>
      expect(describedError(port, 'already in use').textContent).toContain(message),
    );
    expect(
      within(screen.getByTestId('receiver-panel')).getByTestId('receiver-error').textContent,
    ).toContain(message);
    expect(screen.queryByTestId('command-error')).toBeNull();
  });

  it('shows the receiver error the engine pushes, too', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1)); // on launch
    act(() =>
      bridge.pushState('engine:changed', {
        receiver: {
          status: 'error',
          host: '127.0.0.1',
          port: 8001,
          error: 'Port 8001 is already in use.',
        },
        counters: { ...ZERO_RECEIVE_COUNTERS },
        sent: { packets: 0, bytes: 0, errors: 0 },
      }),
    );
    expect((await screen.findByTestId('receiver-error')).textContent).toContain(
      'Port 8001 is already in use.',
    );
    expect(screen.getByTestId('receiver-status').textContent).toContain('not listening');
  });

  it('shows a target’s socket error inside that target’s row', async () => {
    const settings = defaultMetronome();
    settings.targets.push({ ...settings.targets[0]!, id: 't2', host: '10.0.0.99' });
    let nowMs = 0;
    const { bridge } = renderWithServices(<App />, { now: () => nowMs });
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    nowMs += 1000; // the user's edits have settled: the engine's settings are adopted
    act(() =>
      bridge.pushState(
        'metronome:changed',
        metronomeSnapshot(settings, {
          targetErrors: { t2: '10.0.0.99 cannot be reached (no route to host).' },
        }),
      ),
    );
    const row = await screen.findByTestId('target-t2');
    expect(within(row).getByTestId('target-error').textContent).toContain('no route to host');
    expect(within(screen.getByTestId('target-t1')).queryByTestId('target-error')).toBeNull();
  });

  it('puts a refused target change in that target’s row', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('target-add'));
    await screen.findByTestId('target-t2');
    bridge.failNext(
      'metronome:update',
      'invalid',
      'target 2: the port must be a whole number from 1 to 65535',
    );
    const port = within(screen.getByTestId('target-t2')).getByTestId('target-port');
    fireEvent.change(port, { target: { value: '70000' } });
    fireEvent.keyDown(port, { key: 'Enter' });
    const error = await within(screen.getByTestId('target-t2')).findByTestId('target-error');
    expect(error.textContent).toContain('target 2: the port must be');
  });

  it('says at once when the link to the host is lost, and disables what cannot work', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    act(() => bridge.setConnection('reconnecting'));
    expect(screen.getByTestId('connection').textContent).toContain('reconnecting');
    expect(screen.getByTestId('connection-banner').textContent).toContain('lost');
    for (const id of ['transport-toggle', 'preset-ex1', 'send-button', 'receiver-start']) {
      expect(screen.getByTestId(id), id).toHaveProperty('disabled', true);
    }
    expect(screen.getByTestId('transport-toggle').textContent).toContain('Offline');
    expect(screen.getByTestId('timing-stale').textContent).toContain('Stale');
    act(() => bridge.setConnection('open'));
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
    expect(screen.getByTestId('transport-toggle')).toHaveProperty('disabled', false);
    expect(screen.queryByTestId('timing-stale')).toBeNull();
  });

  it('still explains in the banner a command that could not reach the host', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    bridge.failNext('metronome:start', 'disconnected', 'Not connected to the Syncroscope host.');
    fireEvent.click(screen.getByTestId('transport-toggle'));
    expect((await screen.findByTestId('command-error')).textContent).toContain('Not connected');
  });

  it('keeps a setting the user is dragging when an older engine push arrives', async () => {
    const { bridge, store } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('offset-slider'), { target: { value: '750' } });
    const dragged = store.getState().settings.offsetMs;
    expect(dragged).toBeGreaterThan(400);
    act(() => bridge.pushState('metronome:changed', metronomeSnapshot(defaultMetronome())));
    expect(store.getState().settings.offsetMs).toBe(dragged);
    expect(screen.getByTestId('offset-readout').textContent).toContain(`${dragged} ms`);
  });
});
