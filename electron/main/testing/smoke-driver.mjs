// Loads the built main process (argv[2]) under the fake electron, drives it like Electron would,
// prints one `SMOKE {json}` line, then quits the app: the process must then exit by itself.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

await import(pathToFileURL(process.argv[2]).href);
const fake = globalThis.__fakeElectron; // set when main imported 'electron'
for (const end = Date.now() + 20_000; fake.windows.length === 0 || fake.handlers.size === 0;) {
  if (Date.now() > end) throw new Error('[smoke] main never created its window and handlers');
  await new Promise((r) => setTimeout(r, 20));
}
const win = fake.windows[0];
const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
const iframe = {
  sender: win.webContents,
  senderFrame: { processId: 1, routingId: 9, url: win.loadedUrl },
};
const invoke = (event, channel, payload) => fake.handlers.get(channel)(event, payload);
const prefs = win.options.webPreferences;
const report = {
  channels: [...fake.handlers.keys()].sort(),
  webPreferences: { ...prefs, preload: undefined },
  preloadExists: existsSync(prefs.preload),
  pageExists: existsSync(fileURLToPath(win.loadedUrl)),
  engineGet: await invoke(own, 'engine:get', {}),
  badPayload: await invoke(own, 'receiver:start', { port: 'eighty' }),
  fromIframe: await invoke(iframe, 'engine:get', {}),
  denies: {
    media: await askPermission('media'),
    speaker: await askPermission('speaker-selection'),
    checkMedia: fake.permissions.check(null, 'media', 'file:///', {}),
  },
  menuLabels: fake.menu.map((m) => m.label ?? m.role),
};
console.log(`SMOKE ${JSON.stringify(report)}`);
fake.app.quit();

function askPermission(permission) {
  const details = { requestingUrl: win.loadedUrl, isMainFrame: true };
  return new Promise((resolve) => fake.permissions.request(null, permission, resolve, details));
}
