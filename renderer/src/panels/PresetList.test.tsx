// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { renderWithServices } from '../testing/render-app';

vi.mock('uplot', () => import('../testing/uplot-mock'));
vi.mock('../audio/AudioControls', () => ({ AudioControls: () => null }));

afterEach(cleanup);

describe('the workshop examples', () => {
  it('are the first stop of the keyboard, before the transport and the composer', () => {
    renderWithServices(<App />);
    const focusable = [...document.querySelectorAll('button, input, select')];
    const first = focusable.indexOf(screen.getByTestId('preset-ex1'));
    expect(first).toBe(0);
    expect(first).toBeLessThan(focusable.indexOf(screen.getByTestId('transport-toggle')));
    expect(first).toBeLessThan(focusable.indexOf(screen.getByTestId('send-button')));
  });

  it('says beside the preset, and in the transport, that its port is in use', async () => {
    const { bridge } = renderWithServices(<App />);
    await waitFor(() => expect(bridge.callsOf('receiver:start')).toHaveLength(1)); // on launch
    const message = 'Port 8001 is already in use (another program is listening there).';
    bridge.failNext('receiver:start', 'port-in-use', message);
    fireEvent.click(screen.getByTestId('preset-ex2'));
    expect((await screen.findByTestId('preset-ex2-error')).textContent).toContain(message);
    expect(screen.getByTestId('preset-ex2').getAttribute('aria-describedby')).toBe(
      screen.getByTestId('preset-ex2-error').id,
    );
    const transport = screen.getByTestId('transport-panel');
    expect(within(transport).getByTestId('receiver-notice').textContent).toContain(message);
    expect(screen.queryByTestId('preset-ex1-error')).toBeNull();
  });

  it('stays marked only while the settings are still its own', async () => {
    const { store } = renderWithServices(<App />);
    fireEvent.click(screen.getByTestId('preset-ex2'));
    const preset = screen.getByTestId('preset-ex2');
    await waitFor(() => expect(preset.getAttribute('aria-pressed')).toBe('true'));
    const bpm = screen.getByTestId('setting-bpm');
    fireEvent.change(bpm, { target: { value: '90' } });
    fireEvent.keyDown(bpm, { key: 'Enter' });
    await waitFor(() => expect(preset.getAttribute('aria-pressed')).toBe('false'));
    expect(store.getState().presetId).toBe('ex2'); // back to 120 and it is marked again
    fireEvent.change(bpm, { target: { value: '120' } });
    fireEvent.keyDown(bpm, { key: 'Enter' });
    await waitFor(() => expect(preset.getAttribute('aria-pressed')).toBe('true'));
  });
});
