// @vitest-environment happy-dom
/**
 * What a participant meets when something is refused or missing: each error beside the field it
 * names (from the error's `field`/`issues`, never its English), the field outlined, and the
 * display holding only what the engine holds; the receiver started on launch and on reconnect,
 * with the fix offered in the transport when it cannot start.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { CommandError } from './bridge';
import { WIFI_LIKE } from './presets/presets';
import { defaultMetronome, localTarget } from './store/defaults';
import { createFakeBridge } from './testing/fake-bridge';
import { metronomeSnapshot } from './testing/fixtures';
import { installFakeEngine, renderWithServices } from './testing/render-app';
import { ZERO_RECEIVE_COUNTERS } from '../../shared/ipc/constants';

vi.mock('uplot', () => import('./testing/uplot-mock'));
vi.mock('./audio/AudioControls', () => ({ AudioControls: () => null }));

afterEach(cleanup);

/** The App against the fake engine, once its first settings went out. */
async function launch(setup: (bridge: ReturnType<typeof createFakeBridge>) => void = () => {}) {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  setup(bridge);
  const harness = renderWithServices(<App />, { bridge });
  await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
  return harness;
}

const commit = (input: HTMLElement, text: string): void => {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
};

const refuse = (field: (string | number)[], message: string) => () => {
  throw new CommandError('invalid', message, { field, issues: [{ field, message }] });
};

describe('errors beside their fields', () => {
  it('puts a refused BPM beside the BPM field, outlines it, and shows the engine’s BPM', async () => {
    const { bridge } = await launch();
    bridge.handle('metronome:update', refuse(['bpm'], 'BPM must be between 20 and 300'));
    const bpm = screen.getByTestId('setting-bpm');
    commit(bpm, '400');
    expect((await screen.findByTestId('error-bpm')).textContent).toContain('between 20 and 300');
    expect(bpm.getAttribute('aria-invalid')).toBe('true');
    expect((bpm as HTMLInputElement).value).toBe('100');
  });

  it('never shows a forward offset the engine does not hold', async () => {
    const { bridge } = await launch();
    const sent = bridge.callsOf('metronome:update').length;
    const field = screen.getByTestId('offset-ms');
    const slider = screen.getByTestId('offset-slider') as HTMLInputElement;
    const position = slider.value;
    for (const typed of ['-50', '5000']) {
      commit(field, typed);
      expect(screen.getByTestId('offset-readout').textContent).toBe('100 ms');
      expect(slider.value).toBe(position);
      expect(screen.getByTestId('offset-error').textContent).toContain(`${typed} was not applied`);
      expect(field.getAttribute('aria-invalid')).toBe('true');
    }
    expect(bridge.callsOf('metronome:update')).toHaveLength(sent);

    // One the engine refuses for its own reasons goes back to what it holds, too.
    bridge.handle('metronome:update', refuse(['offsetMs'], 'F cannot change now.'));
    commit(field, '250');
    expect((await screen.findByTestId('offset-error')).textContent).toBe('F cannot change now.');
    await waitFor(() => expect(screen.getByTestId('offset-readout').textContent).toBe('100 ms'));
    expect(slider.value).toBe(position);
  });

  it('outlines the mode a refusal is about', async () => {
    const { bridge } = await launch();
    bridge.handle('metronome:update', refuse(['mode'], 'That mode is not available.'));
    fireEvent.click(screen.getByTestId('mode-offset'));
    expect((await screen.findByTestId('error-mode')).textContent).toContain('not available');
    const fieldset = screen.getByTestId('mode-offset').closest('fieldset')!;
    expect(fieldset.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('mode-forward')).toHaveProperty('checked', true));
  });

  it('puts a target’s refused host on that target’s line, by its position in the request', async () => {
    const { bridge } = await launch();
    fireEvent.click(screen.getByTestId('target-add'));
    const row = await screen.findByTestId('target-t2');
    bridge.handle(
      'metronome:update',
      refuse(['targets', 1, 'host'], 'No computer is called "nowhere".'),
    );
    const host = within(row).getByTestId('target-host');
    commit(host, 'nowhere');
    expect((await within(row).findByTestId('target-error-line1')).textContent).toContain(
      'No computer is called',
    );
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(within(row).getByTestId('target-port').getAttribute('aria-invalid')).toBeNull();
    const first = screen.getByTestId('target-t1');
    expect(within(first).queryByTestId('target-error-line1')).toBeNull();
  });

  it('outlines the impairment slider a refusal names', async () => {
    const settings = defaultMetronome();
    settings.targets = [localTarget('t1', 8000, '/tick', WIFI_LIKE)];
    const { bridge } = await launch((b) => {
      b.handle('metronome:get', () => metronomeSnapshot(settings));
    });
    bridge.handle(
      'metronome:update',
      refuse(['targets', 0, 'impairment', 'jitterMs'], 'Jitter must be 0 to 5000 ms.'),
    );
    dragJitter(screen.getByTestId('target-t1'));
    const row = screen.getByTestId('target-t1');
    expect((await within(row).findByTestId('target-error-network')).textContent).toContain(
      'Jitter must be',
    );
    expect(within(row).getByTestId('target-jitterMs').getAttribute('aria-invalid')).toBe('true');
    expect(within(row).getByTestId('target-delayMs').getAttribute('aria-invalid')).toBeNull();
  });
});

/** Moves the first target's jitter slider and lets go (a real drag ends with a pointer up). */
function dragJitter(row: HTMLElement): void {
  const toggle = within(row).getByTestId('target-network');
  if (toggle.getAttribute('aria-expanded') !== 'true') fireEvent.click(toggle);
  const jitter = within(row).getByTestId('target-jitterMs');
  fireEvent.change(jitter, { target: { value: '12' } });
  fireEvent.pointerUp(jitter);
}

describe('the receiver, and what a participant is told about it', () => {
  it('listens on the saved port at launch, so Start measures something', async () => {
    const { bridge } = await launch();
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1));
    expect(bridge.callsOf('receiver:start')[0]).toMatchObject({ port: 8000 });
    await waitFor(() =>
      expect(screen.getByTestId('receiver-status').textContent).toBe('listening on 127.0.0.1:8000'),
    );
    expect(screen.queryByTestId('receiver-notice')).toBeNull();
  });

  it('says in the transport why it cannot listen, and moves to a free port on request', async () => {
    const message = 'Port 8000 is already in use (another program is listening there).';
    const { bridge, store } = await launch((b) => {
      b.failNext('receiver:start', 'port-in-use', message);
    });
    const notice = await screen.findByTestId('receiver-notice');
    expect(notice.textContent).toContain(message);
    expect(within(screen.getByTestId('transport-panel')).getByTestId('receiver-notice')).toBe(
      notice,
    );
    expect(screen.getByTestId('receiver-port').getAttribute('aria-invalid')).toBe('true');

    bridge.handle('receiver:start', (r) => ({
      receiver: {
        status: 'listening',
        host: '127.0.0.1',
        port: r.port === 0 ? 54321 : r.port,
        latePolicy: 'play',
      },
      counters: store.getState().engine!.counters,
      sent: { packets: 0, bytes: 0, errors: 0 },
    }));
    fireEvent.click(within(notice).getByTestId('receiver-free-port'));
    await waitFor(() => expect(screen.queryByTestId('receiver-notice')).toBeNull());
    expect(bridge.callsOf('receiver:start').at(-1)).toMatchObject({ port: 0 });
    expect(store.getState().receiver).toEqual({ role: 'custom', port: 54321, network: false });
    // This computer's target followed the receiver to its new port.
    await waitFor(() =>
      expect(bridge.callsOf('metronome:update').at(-1)?.targets?.[0]?.port).toBe(54321),
    );
    expect(
      (within(screen.getByTestId('target-t1')).getByTestId('target-port') as HTMLInputElement)
        .value,
    ).toBe('54321');
  });

  it('starts the receiver again when the page reconnects to a restarted host', async () => {
    const { bridge } = await launch();
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1));
    act(() => bridge.setConnection('reconnecting'));
    // The restarted host's engine listens nowhere.
    bridge.handle('engine:get', () => ({
      receiver: { status: 'stopped' },
      counters: { ...ZERO_RECEIVE_COUNTERS },
      sent: { packets: 0, bytes: 0, errors: 0 },
    }));
    act(() => bridge.setConnection('open'));
    act(() =>
      bridge.pushState('engine:changed', {
        receiver: { status: 'stopped' },
        counters: { ...ZERO_RECEIVE_COUNTERS },
        sent: { packets: 0, bytes: 0, errors: 0 },
      }),
    );
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(2));
  });
});
