import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createEngineClock } from './engine-clock';

/** An engine whose clock is `offsetMs` ahead, reached over legs of `upMs` and `downMs`. */
function exchange(
  page: FakeClock,
  clock: ReturnType<typeof createEngineClock>,
  o: {
    offsetMs: number;
    upMs: number;
    downMs: number;
  },
) {
  const t1 = page.nowMs();
  page.advance(o.upMs);
  const engineMs = page.nowMs() + o.offsetMs;
  page.advance(o.downMs);
  return clock.addExchange(t1, engineMs, page.nowMs());
}

describe('the page’s engine clock', () => {
  it('is the page’s own clock until the first exchange', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    expect(clock.view()).toBeNull();
    expect(clock.offsetMs()).toBeNull();
    expect(clock.isKnown).toBe(false);
    expect(clock.engineNowMs()).toBe(page.nowMs());
    expect(clock.engineToPageMs(1234)).toBe(1234);
  });

  it('finds an engine 250 ms ahead within its error bound, which covers the asymmetry', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    for (let i = 0; i < 20; i++) {
      // The reply leg is slower than the request leg: the midpoint estimate is biased by 1 ms.
      exchange(page, clock, { offsetMs: 250, upMs: 1, downMs: 3 });
      page.advance(250);
    }
    const view = clock.view()!;
    expect(view.state).toBe('converged');
    expect(view.rttMs).toBeCloseTo(4, 6);
    expect(Math.abs(view.offsetMs - 250)).toBeLessThanOrEqual(view.errorBoundMs);
    // rtt / 2, grown by the drift it may have (500 ppm at most before 10 s of samples) since.
    expect(view.errorBoundMs).toBeLessThanOrEqual(2 + 0.5 * 500e-3 + 0.01);
    expect(clock.engineNowMs() - page.nowMs()).toBeCloseTo(view.offsetMs, 6);
  });

  it('converts both ways: an engine instant and back lands where it started', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    for (let i = 0; i < 10; i++) {
      exchange(page, clock, { offsetMs: -1000.25, upMs: 2, downMs: 2 });
      page.advance(200);
    }
    const engineMs = page.nowMs() + 5000;
    const pageMs = clock.engineToPageMs(engineMs);
    expect(engineMs - pageMs).toBeCloseTo(-1000.25, 3);
    expect(clock.pageToEngineMs(pageMs)).toBeCloseTo(engineMs, 6);
  });

  it('rejects an exchange whose answer came back before it was sent, and tells listeners', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    let calls = 0;
    clock.subscribe(() => calls++);
    expect(clock.addExchange(page.nowMs(), page.nowMs(), page.nowMs() - 5)).toBe('rejected');
    expect(clock.view()).toBeNull();
    expect(calls).toBe(1);
  });

  it('forgets every exchange on reset', () => {
    const page = new FakeClock();
    const clock = createEngineClock({ pageNowMs: () => page.nowMs() });
    exchange(page, clock, { offsetMs: 40, upMs: 1, downMs: 1 });
    expect(clock.offsetMs()).toBeCloseTo(40, 6);
    expect(clock.snapshot()?.offsetMs).toBeCloseTo(40, 6);
    clock.reset();
    expect(clock.offsetMs()).toBeNull();
    expect(clock.snapshot()).toBeNull();
  });
});
