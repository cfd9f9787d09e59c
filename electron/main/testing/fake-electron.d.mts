// Types of the fake 'electron' (fake-electron.mjs), for the tests that read what main did.
import type { EventEmitter } from 'node:events';

/** A rectangle in screen coordinates. */
export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An Electron-like event. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [field: string]: unknown;
}

/** A frame as IPC events carry it. */
export interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
}

/** A window's webContents. */
export interface FakeContents extends EventEmitter {
  mainFrame: FakeFrame;
  isDestroyed(): boolean;
}

/** A window main created. */
export declare class BrowserWindow extends EventEmitter {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  loadedUrl: string;
  webContents: FakeContents;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  normalBounds: FakeRect;
  destroyed: boolean;
  close(): void;
}

/** Everything recorded (globalThis.__fakeElectron). */
export interface FakeElectronState {
  handlers: Map<string, (event: unknown, payload: unknown) => Promise<unknown>>;
  windows: BrowserWindow[];
  sent: Array<{ channel: string; payload: unknown }>;
  menu: Array<Record<string, unknown>> | null;
  permissions: {
    request?: (
      contents: unknown,
      permission: string,
      callback: (isAllowed: boolean) => void,
      details: { requestingUrl: string; isMainFrame: boolean },
    ) => void;
    check?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
    device?: (details: unknown) => boolean;
  };
  displays: Array<{ id: number; workArea: FakeRect }>;
  messageBoxes: unknown[][];
  openedPaths: string[];
  openedExternal: string[];
  userData: string;
  appPath: string;
  quitCount: number;
  exitCode: number | null;
  app: EventEmitter & { quit(): void };
  exposed: Record<string, unknown>;
  invoked: Array<{ channel: string; payload: unknown }>;
  rendererListeners: Map<string, Array<(event: unknown, payload: unknown) => void>>;
}

/** What main did. */
export declare const fakeState: FakeElectronState;

/** An Electron-like event with extra fields. */
export declare function fakeEvent(fields?: Record<string, unknown>): FakeEvent;

export declare const app: FakeElectronState['app'];
declare const electron: Record<string, unknown>;
export default electron;
