import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createFakeBridge } from '../testing/fake-bridge';
import { createClockPinger } from './clock-pinger';
import { createEngineClock } from './engine-clock';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** Advances virtual time 1 ms at a time, letting the promises of each step settle. */
async function run(page: FakeClock, ms: number): Promise<void> {
  for (let i = 0; i < ms; i++) {
    page.advance(1);
    await flush();
  }
}

/** A page, an engine `offsetMs` ahead answering clock:now after `upMs` and back in `downMs`. */
function setup(offsetMs: number, upMs = 2, downMs = 2) {
  const page = new FakeClock();
  const bridge = createFakeBridge();
  const wait = (ms: number) => new Promise<void>((r) => page.setTimeout(r, ms));
  bridge.handle('clock:now', async () => {
    await wait(upMs);
    const engineMs = page.nowMs() + offsetMs;
    await wait(downMs);
    return { engineMs };
  });
  const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
  const pinger = createClockPinger({ bridge, clock, timers: page });
  return { page, bridge, clock, pinger };
}

describe('the page’s clock pinger', () => {
  it('has an estimate of the engine’s offset within the first second', async () => {
    const { page, clock, pinger } = setup(250);
    pinger.start();
    await run(page, 1000);
    const view = clock.view()!;
    expect(view.samples).toBeGreaterThanOrEqual(4);
    expect(Math.abs(view.offsetMs - 250)).toBeLessThanOrEqual(view.errorBoundMs);
    // rtt / 2 (2 ms), grown by at most 500 ppm over the <= 0.3 s since the newest exchange.
    expect(view.errorBoundMs).toBeLessThanOrEqual(2 + 0.3 * 0.5);
    pinger.dispose();
  });

  it('pings a few times a second at first, then every 2 s', async () => {
    const { page, bridge, pinger } = setup(0);
    pinger.start();
    await run(page, 3200); // 12 fast pings take ~3 s
    const fast = bridge.callsOf('clock:now').length;
    expect(fast).toBeGreaterThanOrEqual(12);
    await run(page, 10_000);
    const slow = bridge.callsOf('clock:now').length - fast;
    expect(slow).toBeGreaterThanOrEqual(4);
    expect(slow).toBeLessThanOrEqual(6);
    pinger.dispose();
  });

  it('starts over on reconnection, and pings nothing while the link is down', async () => {
    const { page, bridge, clock, pinger } = setup(100);
    pinger.start();
    await run(page, 500);
    expect(clock.offsetMs()).not.toBeNull();
    bridge.setConnection('connecting');
    const before = bridge.callsOf('clock:now').length;
    await run(page, 5000);
    expect(bridge.callsOf('clock:now').length).toBeLessThanOrEqual(before + 1);
    bridge.handle('clock:now', () => ({ engineMs: page.nowMs() - 30 }));
    bridge.setConnection('open');
    expect(clock.offsetMs()).toBeNull(); // the old engine's figures are gone at once
    await run(page, 300);
    const view = clock.view()!;
    expect(Math.abs(view.offsetMs + 30)).toBeLessThanOrEqual(view.errorBoundMs);
    pinger.dispose();
  });

  it('gives up on a host that does not know clock:now, leaving the page’s clock in use', async () => {
    const page = new FakeClock();
    const bridge = createFakeBridge(); // no handler: 'unknown-command'
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    const pinger = createClockPinger({ bridge, clock, timers: page });
    pinger.start();
    await run(page, 3000);
    expect(pinger.isSupported).toBe(false);
    expect(bridge.callsOf('clock:now').length).toBe(1);
    expect(clock.engineNowMs()).toBe(page.nowMs());
    expect(clock.isKnown).toBe(true);
    expect(clock.offsetMs()).toBe(0);
    pinger.dispose();
  });

  it('stops pinging when stopped', async () => {
    const { page, bridge, pinger } = setup(0);
    pinger.start();
    await run(page, 100);
    pinger.stop();
    const n = bridge.callsOf('clock:now').length;
    await run(page, 5000);
    expect(bridge.callsOf('clock:now').length).toBe(n);
    expect(page.pendingTimers).toBe(0);
  });
});
