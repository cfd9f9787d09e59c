/** The composition root of the page: bridge, stores, frame loop, persistence, then React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppProvider, type AppServices } from './app-context';
import { connectBridge } from './bridge';
import { createClockPinger } from './clock/clock-pinger';
import { browserPageNowMs, createEngineClock } from './clock/engine-clock';
import { createFrameLoop } from './plot/frame-loop';
import { createAppStore } from './store/app-store';
import { connectStores, persistStore } from './store/connect';
import { createLiveStore } from './store/live-store';
import { loadSettings } from './store/persistence';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: run on defaults
  }
})();
const { settings, wasRepaired } = loadSettings(storage);
if (wasRepaired) console.warn('[ui] saved settings were unusable in part; defaults used there');

const bridge = connectBridge();
const live = createLiveStore();
const store = createAppStore({ bridge, live, settings });
const clock = createEngineClock({ pageNowMs: browserPageNowMs });
const services: AppServices = { bridge, store, live, frames: createFrameLoop(), clock };
connectStores(bridge, store, live);
createClockPinger({ bridge, clock }).start();
persistStore(store, storage);

createRoot(root).render(
  <StrictMode>
    <AppProvider services={services}>
      <App />
    </AppProvider>
  </StrictMode>,
);
