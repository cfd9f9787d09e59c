/** An engine context in virtual time whose sink records every push, for the domains' tests. */
import type { StateName, StateValue, StreamItem, StreamName } from '../../../shared/ipc';
import { createScheduler } from '../time/scheduler';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createUdpEndpoint } from '../network/udp-endpoint';
import { createOscRouter } from '../receive/router';
import type { EngineContext, EngineSink } from './context';

/** One state push: when the domain announced it, and its value read then. */
export interface StatePush<S extends StateName = StateName> {
  atMs: number;
  value: StateValue<S>;
}

/** Builds the context; `clock.advance()` moves time, firing timers and scheduled events in order. */
export function virtualContext() {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const states: { [S in StateName]?: StatePush<S>[] } = {};
  const streams: { [S in StreamName]?: StreamItem<S>[] } = {};
  const logs: string[] = [];
  const sink: EngineSink = {
    state: (name, read) =>
      void (states[name] ??= [] as never[]).push({ atMs: clock.nowMs(), value: read() } as never),
    stream: (name, build) => void (streams[name] ??= [] as never[]).push(build() as never),
  };
  const ctx: EngineContext = {
    clock,
    scheduler,
    timers: clock,
    sink,
    router: createOscRouter(),
    makeEndpoint: createUdpEndpoint,
    log: (level, text) => logs.push(`${level}: ${text}`),
  };
  const last = <S extends StateName>(name: S): StateValue<S> | undefined =>
    (states[name] as StatePush<S>[] | undefined)?.at(-1)?.value;
  return { clock, scheduler, ctx, states, streams, logs, last };
}
