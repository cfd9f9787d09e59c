// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createEngineClock } from '../clock/engine-clock';
import { renderWithServices } from '../testing/render-app';
import {
  clockSnapshot,
  discovered,
  measurementsOf,
  peerClock,
  peersSnapshot,
  stream,
} from './peer-fixtures.test-util';
import { PeersPanel } from './PeersPanel';

afterEach(cleanup);

function setup() {
  const h = renderWithServices(<PeersPanel />);
  h.bridge.handle('peers:advertise', ({ enabled }) =>
    peersSnapshot([discovered()], { isAdvertisingEnabled: enabled, isAdvertising: enabled }),
  );
  act(() => {
    h.bridge.pushState('peers:changed', peersSnapshot([discovered()]));
    h.bridge.pushState('clock:changed', clockSnapshot([peerClock('192.168.1.20:53211')]));
    h.bridge.pushState('measurements:changed', measurementsOf([stream('192.168.1.20:53211', 2.5)]));
  });
  return h;
}

describe('the clock sync & peers panel', () => {
  it('shows a discovered peer with its clock, its jitter and the verdict', () => {
    setup();
    const peer = screen.getByTestId('peer');
    expect(peer.textContent).toContain('Syncroscope on studio (8000)');
    expect(peer.textContent).toContain('192.168.1.20:8000');
    expect(peer.textContent).toContain('answers clock sync');
    expect(within(peer).getByTestId('peer-offset').textContent).toBe('+250 ms');
    expect(within(peer).getByTestId('peer-rtt').textContent).toBe('1.40 ms');
    expect(within(peer).getByTestId('peer-sync-error').textContent).toBe('±0.700 ms');
    expect(within(peer).getByTestId('peer-jitter').textContent).toBe('2.50 ms sd');
    const verdict = within(peer).getByTestId('peer-verdict');
    expect(verdict.dataset.verdict).toBe('yes');
    expect(verdict.textContent).toMatch(/Forward sync will remove jitter/);
  });

  it('says what to do when the clocks agree worse than the network jitters', () => {
    const { bridge } = setup();
    act(() =>
      bridge.pushState('measurements:changed', measurementsOf([stream('192.168.1.20:53211', 0.3)])),
    );
    const verdict = screen.getByTestId('peer-verdict');
    expect(verdict.dataset.verdict).toBe('no');
    expect(verdict.textContent).toMatch(/sync the clocks \(NTP\)|Sync the clocks \(NTP\)/);
  });

  it('adds a peer as a metronome target in one click, in the extended format, once', () => {
    const { bridge, store } = setup();
    fireEvent.click(screen.getByTestId('peer-add-metronome'));
    const sent = bridge.callsOf('metronome:update').at(-1)!;
    expect(sent.targets?.at(-1)).toMatchObject({
      host: '192.168.1.20',
      port: 8000,
      address: '/tick',
      format: 'extended',
    });
    expect(store.getState().settings.targets.at(-1)?.host).toBe('192.168.1.20');
    fireEvent.click(screen.getByTestId('peer-add-metronome'));
    expect(screen.getByTestId('peer-error').textContent).toMatch(/already a metronome target/);
  });

  it('adds a peer as a timecode target in one click', () => {
    const { bridge } = setup();
    bridge.handle('timecode:update', () => {
      throw new Error('not needed here');
    });
    fireEvent.click(screen.getByTestId('peer-add-timecode'));
    const sent = bridge.callsOf('timecode:update').at(-1)!;
    expect(sent.targets?.at(-1)).toMatchObject({ host: '192.168.1.20', port: 8000 });
  });

  it('takes a peer typed by hand, and says plainly what is wrong with a bad one', () => {
    const { bridge } = setup();
    const input = screen.getByTestId('manual-peer-input');
    fireEvent.change(input, { target: { value: 'studio.local' } });
    fireEvent.click(screen.getByTestId('manual-add-metronome'));
    expect(screen.getByTestId('manual-peer-error').textContent).toMatch(/is not host:port/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: '10.0.0.7:9000' } });
    fireEvent.click(screen.getByTestId('manual-add-metronome'));
    expect(bridge.callsOf('metronome:update').at(-1)!.targets?.at(-1)).toMatchObject({
      host: '10.0.0.7',
      port: 9000,
      format: 'seed',
    });
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('turns advertising off and on', async () => {
    const { bridge } = setup();
    const toggle = screen.getByTestId('peers-advertise') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await act(async () => void fireEvent.click(toggle));
    expect(bridge.callsOf('peers:advertise')).toEqual([{ enabled: false }]);
    expect(toggle.checked).toBe(false);
    expect(screen.getByTestId('peers-discovery').textContent).toMatch(/Not advertised/);
  });

  it('shows the page’s offset from the engine’s clock and its error', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    renderWithServices(<PeersPanel />, { clock });
    expect(screen.getByTestId('page-clock').textContent).toMatch(/not measured yet/);
    act(() => {
      const t1 = page.nowMs();
      page.advance(1);
      clock.addExchange(t1, page.nowMs() + 250, page.nowMs() + 1);
    });
    expect(screen.getByTestId('page-clock-offset').textContent).toBe('+250 ms ± 1.00 ms');
  });
});
