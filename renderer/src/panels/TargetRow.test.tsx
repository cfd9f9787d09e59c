// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { defaultMetronome } from '../store/defaults';
import { metronomeSnapshot } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';

vi.mock('uplot', () => import('../testing/uplot-mock'));
vi.mock('../audio/AudioControls', () => ({ AudioControls: () => null }));

afterEach(cleanup);

describe('a target nothing listens on', () => {
  it('is said in its own row as a warning, not an error, and goes when the engine clears it', async () => {
    const settings = defaultMetronome();
    settings.targets.push({ ...settings.targets[0]!, id: 't2', port: 9000 });
    let nowMs = 0;
    const { bridge } = renderWithServices(<App />, { now: () => nowMs });
    await waitFor(() => expect(bridge.callsOf('metronome:update')).toHaveLength(1));
    nowMs += 1000; // the user's edits have settled: the engine's settings are adopted
    const words =
      'Nothing is listening on 127.0.0.1:9000 (port unreachable). The ticks keep going: this clears once a receiver listens there.';
    act(() =>
      bridge.pushState(
        'metronome:changed',
        metronomeSnapshot(settings, { unreachableTargets: { t2: words } }),
      ),
    );
    const row = await screen.findByTestId('target-t2');
    const notice = within(row).getByTestId('target-unreachable');
    expect(notice.textContent).toBe(words);
    expect(notice.getAttribute('role')).toBe('status');
    expect(within(row).queryByTestId('target-error')).toBeNull();
    expect(within(screen.getByTestId('target-t1')).queryByTestId('target-unreachable')).toBeNull();
    act(() => bridge.pushState('metronome:changed', metronomeSnapshot(settings)));
    await waitFor(() => expect(within(row).queryByTestId('target-unreachable')).toBeNull());
  });
});
