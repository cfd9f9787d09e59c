import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { createLiveStore } from '../store/live-store';
import { defaultSettings } from '../store/persistence';
import { createFakeBridge } from '../testing/fake-bridge';
import { installFakeEngine } from '../testing/render-app';
import { installFakeTimecode } from '../timecode/fake-timecode.test-util';
import { isPresetIntact, PRESETS, presetSetup, WIFI_LIKE } from './presets';

function storeWith(receiver = defaultSettings().receiver) {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  installFakeTimecode(bridge);
  const store = createAppStore({
    bridge,
    live: createLiveStore(),
    settings: { ...defaultSettings(), receiver },
  });
  return { bridge, store };
}

const direct = { delayMs: 0, jitterMs: 0, loss: 0 };

describe('presets', () => {
  it.each([
    [
      'ex1',
      8000,
      {
        mode: 'immediate',
        bpm: 120,
        offsetMs: 0,
        targets: [{ port: 8000, address: '/py', impairment: direct }],
      },
    ],
    [
      'ex2',
      8001,
      {
        mode: 'immediate',
        bpm: 120,
        offsetMs: 0,
        targets: [{ port: 8001, address: '/pd', impairment: WIFI_LIKE }],
      },
    ],
    [
      'ex3',
      8001,
      {
        mode: 'offset',
        bpm: 120,
        offsetMs: 500,
        targets: [{ port: 8001, address: '/pd', impairment: WIFI_LIKE }],
      },
    ],
    [
      'part4',
      8000,
      {
        mode: 'forward',
        bpm: 100,
        offsetMs: 100,
        targets: [
          { id: 't1', port: 8000, address: '/py', impairment: direct },
          { id: 't2', port: 8000, address: '/tick', impairment: WIFI_LIKE },
        ],
      },
    ],
  ] as const)(
    '%s listens on the seed port %i, then sends the metronome its settings and starts clean statistics',
    async (id, port, metronome) => {
      const { bridge, store } = storeWith();
      expect(await store.getState().applyPreset(id)).toBe(true);
      expect(bridge.calls.map((c) => c.command)).toEqual([
        'receiver:start',
        'metronome:update',
        'measurements:reset',
      ]);
      expect(bridge.callsOf('receiver:start')[0]).toEqual({ host: '127.0.0.1', port });
      expect(bridge.callsOf('metronome:update')[0]).toMatchObject(metronome);
      const sent = bridge.callsOf('metronome:update')[0]!;
      for (const t of sent.targets!) expect(t).toMatchObject({ host: '127.0.0.1', format: 'seed' });
      expect(store.getState()).toMatchObject({ presetId: id, receiver: { port } });
    },
  );

  it('example 1 prepares the composer to send /py to the Python side', async () => {
    const { store } = storeWith();
    await store.getState().applyPreset('ex1');
    expect(store.getState().composer).toMatchObject({
      host: '127.0.0.1',
      port: '8000',
      address: '/py',
      args: 'hello',
      atMs: '',
    });
  });

  it('keeps a custom receive port and points every target at it', async () => {
    const { bridge, store } = storeWith({ role: 'custom', port: 9123, network: false });
    await store.getState().applyPreset('part4');
    expect(bridge.callsOf('receiver:start')[0]).toMatchObject({ port: 9123 });
    expect(bridge.callsOf('metronome:update')[0]!.targets!.map((t) => t.port)).toEqual([
      9123, 9123,
    ]);
  });

  it('shows a preset the engine refused beside its fields, and reports failure', async () => {
    const { bridge, store } = storeWith();
    bridge.failNext('receiver:start', 'port-in-use', 'Port 8001 is already in use.');
    expect(await store.getState().applyPreset('ex2')).toBe(false);
    expect(store.getState().receiverError?.message).toBe('Port 8001 is already in use.');
    expect(store.getState().presetError).toEqual({
      id: 'ex2',
      message: 'Port 8001 is already in use.',
    });
  });

  it('every preset explains itself and what to listen for', () => {
    for (const p of PRESETS) {
      expect(p.summary.length).toBeGreaterThan(20);
      expect(p.listenFor.length).toBeGreaterThan(20);
      const setup = presetSetup(p, defaultSettings().receiver);
      expect(new Set(setup.metronome.targets.map((t) => t.id)).size).toBe(
        setup.metronome.targets.length,
      );
    }
  });

  it('the SMPTE pair runs master and client on this engine at 25 fps through the workshop relay', async () => {
    const { bridge, store } = storeWith({ role: 'custom', port: 9123, network: false });
    expect(await store.getState().applyPreset('smpte-pair')).toBe(true);
    expect(bridge.callsOf('receiver:start')[0]).toMatchObject({ port: 9123 });
    const sent = bridge.callsOf('timecode:update').at(-1)!;
    expect(sent).toMatchObject({ role: 'pair', rate: '25', dropFrame: false, sendMode: 'plain' });
    expect(sent.targets).toEqual([
      { id: 'client', host: '127.0.0.1', port: 9123, impairment: WIFI_LIKE },
    ]);
    expect(sent.cueList!.map((c) => [c.label, c.address])).toEqual([
      ['00:00:05:00', '/trigger/action'],
      ['00:00:10:00', '/cue/lighting'],
      ['00:00:15:00', '/trigger/action_tc'],
      ['00:00:20:00', '/cue/video_tc'],
    ]);
    expect(store.getState().timecodeSettings.role).toBe('pair');
  });

  it('the SMPTE pair stays marked while plain and forward are toggled, not once the role changes', () => {
    const preset = PRESETS.find((p) => p.id === 'smpte-pair')!;
    const receiver = defaultSettings().receiver;
    const setup = presetSetup(preset, receiver);
    const timecode = setup.timecode!;
    expect(isPresetIntact(preset, receiver, setup.metronome, timecode)).toBe(true);
    expect(
      isPresetIntact(preset, receiver, setup.metronome, { ...timecode, sendMode: 'forward' }),
    ).toBe(true);
    expect(isPresetIntact(preset, receiver, setup.metronome, { ...timecode, role: 'master' })).toBe(
      false,
    );
    // The metronome presets do not depend on the timecode at all.
    const part4 = PRESETS.find((p) => p.id === 'part4')!;
    expect(isPresetIntact(part4, receiver, presetSetup(part4, receiver).metronome, timecode)).toBe(
      true,
    );
  });
});
