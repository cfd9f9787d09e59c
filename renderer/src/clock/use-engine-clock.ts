/** The page's engine clock for components: the service itself, and its figures for React. */
import { useSyncExternalStore } from 'react';
import { useServices } from '../app-context';
import type { EngineClock, PageClockView } from './engine-clock';

/** The page's engine clock (`engineNowMs()`, `pageToEngineMs()`, `engineToPageMs()`). */
export function useEngineClock(): EngineClock {
  return useServices().clock;
}

/** The page-to-engine figures as of the last exchange (re-renders on each). */
export function usePageClockView(): PageClockView | null {
  const clock = useEngineClock();
  return useSyncExternalStore(clock.subscribe, clock.snapshot);
}
