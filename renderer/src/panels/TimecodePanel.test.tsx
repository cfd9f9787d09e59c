// @vitest-environment happy-dom
/**
 * The Timecode panel against the fake engine: each control sends `timecode:update` with exactly
 * its change, the engine's refusals land beside the field (or the list row) they name, the cue
 * list is edited in place, cues go out with `timecode:cue`, and the master's log shows its cues.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../bridge';
import { defaultSettings } from '../store/persistence';
import { createFakeBridge } from '../testing/fake-bridge';
import { installFakeEngine, renderWithServices } from '../testing/render-app';
import { installFakeTimecode } from '../timecode/fake-timecode.test-util';
import { defaultTimecode } from '../timecode/timecode-defaults';
import type { TimecodeSettingsView } from '../timecode/timecode-types';
import { TimecodePanel } from './TimecodePanel';

vi.mock('uplot', () => import('../testing/uplot-mock'));

afterEach(cleanup);

async function open(patch: Partial<TimecodeSettingsView> = {}) {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  installFakeTimecode(bridge);
  const timecode = { ...defaultTimecode(), ...patch };
  const h = renderWithServices(<TimecodePanel />, {
    bridge,
    settings: { ...defaultSettings(), timecode },
  });
  await waitFor(() => expect(bridge.callsOf('timecode:update')).toHaveLength(1));
  const lastUpdate = () => bridge.callsOf('timecode:update').at(-1);
  return { ...h, lastUpdate };
}

const commit = (input: HTMLElement, text: string): void => {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
};

const refuse = (field: (string | number)[], message: string) => () => {
  throw new CommandError('invalid', message, { field, issues: [{ field, message }] });
};

const cue = (id: string, label: string) => ({
  id,
  label,
  address: '/cue/lighting',
  args: [{ type: 's' as const, value: 'Scene Bright' }],
  withTimecode: false,
});

describe('the Timecode panel', () => {
  it('sends the saved settings once connected, then each change as its own update', async () => {
    const { bridge, lastUpdate } = await open();
    expect(bridge.callsOf('timecode:update')[0]).toEqual(defaultTimecode());
    act(() => screen.getByTestId('timecode-role-pair').click());
    await waitFor(() => expect(lastUpdate()).toEqual({ role: 'pair' }));
    fireEvent.change(screen.getByTestId('timecode-rate'), { target: { value: '29.97' } });
    await waitFor(() => expect(lastUpdate()).toEqual({ rate: '29.97', dropFrame: false }));
    act(() => screen.getByTestId('timecode-dropframe').click());
    await waitFor(() => expect(lastUpdate()).toEqual({ dropFrame: true }));
    act(() => screen.getByTestId('timecode-mode-forward').click());
    await waitFor(() => expect(lastUpdate()).toEqual({ sendMode: 'forward' }));
    commit(screen.getByTestId('timecode-forward-ms'), '250');
    await waitFor(() => expect(lastUpdate()).toEqual({ forwardMs: 250 }));
  });

  it('puts a refused F beside F, outlines it, and shows what the engine holds', async () => {
    const { bridge } = await open({ role: 'master' });
    bridge.handle(
      'timecode:update',
      refuse(['forwardMs'], 'the forward offset must be between 0 and 2000 ms'),
    );
    const f = screen.getByTestId('timecode-forward-ms') as HTMLInputElement;
    commit(f, '5000');
    expect((await screen.findByTestId('timecode-forward-ms-error')).textContent).toContain(
      'between 0 and 2000',
    );
    expect(f.getAttribute('aria-invalid')).toBe('true');
    expect(f.value).toBe('100');
  });

  it('says a refused locate beside the locate field, and a transport refusal beside the buttons', async () => {
    const { bridge } = await open({ role: 'master' });
    bridge.handle('timecode:locate', refuse(['label'], '00:01:00;00 does not exist at 29.97 DF'));
    commit(screen.getByTestId('timecode-locate-label'), '00:01:00;00');
    fireEvent.submit(screen.getByTestId('timecode-locate-label').closest('form')!);
    expect((await screen.findByTestId('timecode-locate-error')).textContent).toContain(
      'does not exist',
    );
    bridge.handle('timecode:start', refuse(['role'], 'start needs the role master or pair'));
    act(() => screen.getByTestId('timecode-start').click());
    expect((await screen.findByTestId('timecode-transport-error')).textContent).toContain(
      'needs the role',
    );
  });

  it('starts, pauses and stops the master', async () => {
    const { bridge } = await open({ role: 'master' });
    act(() => screen.getByTestId('timecode-start').click());
    await waitFor(() =>
      expect(screen.getByTestId('timecode-pause')).not.toHaveProperty('disabled', true),
    );
    act(() => screen.getByTestId('timecode-pause').click());
    await waitFor(() => expect(bridge.callsOf('timecode:pause')).toHaveLength(1));
    act(() => screen.getByTestId('timecode-stop').click());
    await waitFor(() => expect(bridge.callsOf('timecode:stop')).toHaveLength(1));
    expect(bridge.callsOf('timecode:start')).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getByTestId('timecode-start')).toHaveProperty('disabled', false),
    );
  });

  it('edits the cue list in place: add, change a label, change the arguments, remove', async () => {
    const { lastUpdate } = await open({ role: 'pair', cueList: [cue('c1', '00:00:05:00')] });
    act(() => screen.getByTestId('timecode-cue-add').click());
    await waitFor(() => expect(lastUpdate()?.cueList?.map((c) => c.id)).toEqual(['c1', 'c2']));
    const row = within(screen.getByTestId('timecode-cue-c2'));
    commit(row.getByTestId('timecode-cue-label'), '00:00:12:00');
    await waitFor(() =>
      expect(lastUpdate()?.cueList?.[1]).toMatchObject({ id: 'c2', label: '00:00:12:00' }),
    );
    commit(row.getByTestId('timecode-cue-args'), '"Scene Dark" 3');
    await waitFor(() =>
      expect(lastUpdate()?.cueList?.[1]?.args).toEqual([
        { type: 's', value: 'Scene Dark' },
        { type: 'i', value: 3 },
      ]),
    );
    act(() =>
      within(screen.getByTestId('timecode-cue-c1')).getByTestId('timecode-cue-remove').click(),
    );
    await waitFor(() => expect(lastUpdate()?.cueList?.map((c) => c.id)).toEqual(['c2']));
  });

  it('puts a refused cue label on its own row (by id, whatever its position)', async () => {
    const { bridge } = await open({
      role: 'client',
      cueList: [cue('c1', '00:00:05:00'), cue('c7', '00:00:06:00')],
    });
    bridge.handle(
      'timecode:update',
      refuse(['cueList', 1, 'label'], 'cue 2: frame 40 does not exist at 25 fps'),
    );
    const row = within(screen.getByTestId('timecode-cue-c7'));
    commit(row.getByTestId('timecode-cue-label'), '00:00:06:40');
    expect((await row.findByTestId('timecode-cue-error')).textContent).toContain(
      'frame 40 does not exist',
    );
    expect(row.getByTestId('timecode-cue-label').getAttribute('aria-invalid')).toBe('true');
    expect(
      within(screen.getByTestId('timecode-cue-c1')).queryByTestId('timecode-cue-error'),
    ).toBeNull();
    // The draft stays for correcting, and a syntax slip in the arguments is said before sending.
    expect((row.getByTestId('timecode-cue-label') as HTMLInputElement).value).toBe('00:00:06:40');
    const sent = bridge.callsOf('timecode:update').length;
    commit(row.getByTestId('timecode-cue-args'), '"not closed');
    expect((await row.findByTestId('timecode-cue-error')).textContent).toContain('not closed');
    expect(bridge.callsOf('timecode:update')).toHaveLength(sent);
  });

  it('sends the seed’s cues and a custom one with timecode:cue', async () => {
    const { bridge } = await open({ role: 'client' });
    act(() => screen.getByTestId('timecode-seed-cue-2').click());
    await waitFor(() =>
      expect(bridge.callsOf('timecode:cue')[0]).toEqual({
        address: '/trigger/action_tc',
        args: [{ type: 's', value: 'Start playback' }],
        withTimecode: true,
      }),
    );
    expect((await screen.findByTestId('timecode-last-cue')).textContent).toContain(
      'at 00:00:01:00',
    );
    commit(screen.getByTestId('timecode-custom-address'), '/cue/fog');
    fireEvent.change(screen.getByTestId('timecode-custom-text'), { target: { value: 'Fog on' } });
    act(() => screen.getByTestId('timecode-custom-with-tc').click());
    fireEvent.submit(screen.getByTestId('timecode-custom-address').closest('form')!);
    await waitFor(() =>
      expect(bridge.callsOf('timecode:cue')[1]).toEqual({
        address: '/cue/fog',
        args: [{ type: 's', value: 'Fog on' }],
        withTimecode: false,
      }),
    );
  });

  it('shows the cues the master heard, with both labels and their difference', async () => {
    const { bridge } = await open({ role: 'master' });
    act(() =>
      bridge.pushStream('stream:cue-log', {
        items: [
          {
            arrivalMs: Date.now(),
            source: '127.0.0.1:5555',
            address: '/trigger/action_tc',
            text: 'Start playback',
            masterLabel: '00:00:05:02',
            senderLabel: '00:00:05:00',
            diffFrames: 2,
            diffMs: 80,
            timetag: null,
          },
        ],
        dropped: 0,
      }),
    );
    const item = await screen.findByTestId('timecode-cue-log-item');
    expect(item.textContent).toContain('/trigger/action_tc');
    expect(item.textContent).toContain('Start playback');
    expect(item.textContent).toContain('00:00:05:02');
    expect(item.textContent).toContain('+2 fr+80.0 ms');
  });
});
