/**
 * liblo's `oscsend` as a plain-message sender (the seed's example 2 "metronome" without timetags):
 * our tick receiver takes each as an immediate tick, played on arrival, in every number format
 * Pd and liblo use.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSystemClock } from '../../electron/engine/time/clock';
import { createScheduler, type Scheduler } from '../../electron/engine/time/scheduler';
import {
  createTickReceiver,
  type TickEvent,
  type TickReceiver,
} from '../../electron/engine/receive/tick-receiver';
import { createRealTimers } from '../../electron/engine/time/timers';
import { describeWithPeers, executable } from './harness/require-peer';
import { waitFor } from '../../electron/engine/testing/wait-for';

const run = promisify(execFile);

describeWithPeers(
  'oscsend plain ticks into our tick receiver',
  [executable('oscsend', 'liblo-tools')],
  () => {
    const clock = createSystemClock();
    const ticks: TickEvent[] = [];
    const others: string[] = [];
    let scheduler: Scheduler;
    let receiver: TickReceiver;
    let port = 0;

    beforeAll(async () => {
      scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
      receiver = createTickReceiver({
        clock,
        scheduler,
        port: 0,
        onTick: (t) => ticks.push(t),
        onMessage: (m) => others.push(m.message.address),
      });
      port = (await receiver.start()).port;
    });
    afterAll(async () => {
      await receiver?.dispose();
      scheduler?.dispose();
    });

    it('plays /tick "tick", /pd 1 (int), /pd 1.0 (float) and /py "tick" on arrival as immediate ticks', async () => {
      const send = (address: string, types: string, ...args: string[]) =>
        run('oscsend', ['127.0.0.1', String(port), address, types, ...args]);
      await send('/tick', 's', 'tick');
      await send('/pd', 'i', '1');
      await send('/pd', 'f', '1.0');
      await send('/py', 's', 'tick');
      await send('/cue/lighting', 's', 'Scene Bright'); // not a tick: goes to the message log
      await waitFor(() => ticks.length >= 4 && others.length >= 1, { what: 'oscsend ticks' });
      expect(ticks.map((t) => t.address)).toEqual(['/tick', '/pd', '/pd', '/py']);
      for (const t of ticks) {
        expect(t.classification).toBe('immediate');
        expect(t.timetag).toBeNull();
        expect(t.playAtMs).toBe(t.arrivalMs);
        expect(t.isLate).toBe(false);
      }
      expect(others).toEqual(['/cue/lighting']);
    });
  },
);
