/**
 * The `measurements:*` domain and the tick consumer: each accepted tick goes to stream:ticks on
 * arrival (the renderer schedules its sound ahead), is measured, and on dispatch becomes one
 * stream:samples point; measurements:changed follows at most every {@link PUSH_EVERY_MS}.
 */
import type { TickDispatch, TickEvent } from '../receive/tick-receiver';
import { createMeasurements, type DueValues } from '../measure';
import type { DomainHandlers, EngineContext } from './context';
import type { TickConsumer } from './receiver';
import { createThrottle } from './throttle';
import { csvFilename, measurementsSnapshot, sampleItem, tickItem } from './tick-views';

/** measurements:changed at most ~4 times a second: summaries sort every ring. */
export const PUSH_EVERY_MS = 250;
/** Values per metric per stream: about 10 minutes at 100 BPM. */
const WINDOW = 1024;
/** Raw ticks kept for CSV. */
const CSV_ROWS = 10_000;

/** The measurements domain; its tick consumer feeds the receiver's ticks in. */
export interface MeasurementsDomain extends TickConsumer {
  handlers: DomainHandlers<'measurements:get' | 'measurements:reset' | 'measurements:csv'>;
  dispose(): void;
}

/** Creates the domain with empty measurements. */
export function createMeasurementsDomain(ctx: EngineContext): MeasurementsDomain {
  const { clock, sink } = ctx;
  const store = createMeasurements({ capacity: WINDOW, eventCapacity: CSV_ROWS });
  const snapshot = () => measurementsSnapshot(store.summary());
  const push = createThrottle({
    timers: ctx.timers,
    nowMs: () => clock.nowMs(),
    minIntervalMs: PUSH_EVERY_MS,
    run: () => sink.state('measurements:changed', snapshot),
  });

  // One builder per stream reading these (the sink calls builders synchronously): the hot path
  // allocates nothing for a frame that is already full.
  let tick: TickEvent | null = null;
  let dispatch: TickDispatch | null = null;
  let values: DueValues | null = null;
  const buildTick = () => tickItem(tick!);
  const buildSample = () => sampleItem(tick!, dispatch!, values!);

  return {
    onTick(ev) {
      tick = ev;
      sink.stream('stream:ticks', buildTick);
      tick = null;
      store.recordTick(ev);
      push.request();
    },
    onTickDue(ev, info) {
      tick = ev;
      dispatch = info;
      values = store.recordDue(ev, info);
      sink.stream('stream:samples', buildSample);
      tick = dispatch = values = null;
      push.request();
    },
    handlers: {
      'measurements:get': async () => snapshot(),
      async 'measurements:reset'() {
        store.reset();
        push.request();
        return snapshot();
      },
      'measurements:csv': async () => ({
        csv: store.toCsv(),
        filename: csvFilename(clock.nowMs()),
      }),
    },
    dispose: () => push.dispose(),
  };
}
