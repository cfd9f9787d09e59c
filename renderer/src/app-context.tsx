/**
 * What every panel reaches through context: the bridge, the bound store, the live store, the
 * shared frame loop and the engine's clock as this page knows it. Tests provide their own (a
 * fake bridge, fresh stores).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Bridge } from './bridge';
import type { EngineClock } from './clock/engine-clock';
import type { FrameLoop } from './plot/frame-loop';
import type { AppState, AppStore } from './store/app-store';
import type { LiveStore } from './store/live-store';

/** The services of one page. */
export interface AppServices {
  bridge: Bridge;
  store: AppStore;
  live: LiveStore;
  frames: FrameLoop;
  /** Engine time on this page (clock/engine-clock.ts): the page may run on another device. */
  clock: EngineClock;
}

const ServicesContext = createContext<AppServices | null>(null);

/** Provides the services to the tree. */
export function AppProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The services (throws outside an AppProvider: a wiring mistake, not a user's). */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <AppProvider>');
  return services;
}

/** Selects from the bound store (re-renders when the selected value changes). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}
