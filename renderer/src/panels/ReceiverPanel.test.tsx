// @vitest-environment happy-dom
/** The Listen panel's network choice: this computer only, or reachable from the other computer. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { createFakeBridge } from '../testing/fake-bridge';
import { installFakeEngine, renderWithServices } from '../testing/render-app';

vi.mock('uplot', () => import('../testing/uplot-mock'));
vi.mock('../audio/AudioControls', () => ({ AudioControls: () => null }));

afterEach(cleanup);

async function launch() {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  const harness = renderWithServices(<App />, { bridge });
  await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1));
  return harness;
}

describe('Listen: reachable from other computers', () => {
  it('listens on this computer only at first, then on every interface once ticked', async () => {
    const { bridge, store } = await launch();
    expect(bridge.callsOf('receiver:start')[0]).toMatchObject({ host: '127.0.0.1', port: 8000 });
    const box = screen.getByTestId('receiver-network') as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    // The listening receiver moves to 0.0.0.0 on the same port, and the status says so.
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(2));
    expect(bridge.callsOf('receiver:start')[1]).toMatchObject({ host: '0.0.0.0', port: 8000 });
    await waitFor(() =>
      expect(screen.getByTestId('receiver-status').textContent).toBe('listening on 0.0.0.0:8000'),
    );
    expect(store.getState().receiver.network).toBe(true);
    fireEvent.click(box);
    await waitFor(() =>
      expect(bridge.callsOf('receiver:start').at(-1)).toMatchObject({ host: '127.0.0.1' }),
    );
  });

  it('keeps the choice while the receiver is stopped and uses it on the next Listen', async () => {
    const { bridge } = await launch();
    fireEvent.click(screen.getByTestId('receiver-stop'));
    await waitFor(() => expect(screen.getByTestId('receiver-status').textContent).toBe('stopped'));
    fireEvent.click(screen.getByTestId('receiver-network'));
    expect(bridge.callsOf('receiver:start')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('receiver-start'));
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(2));
    expect(bridge.callsOf('receiver:start')[1]).toMatchObject({ host: '0.0.0.0' });
  });
});
