/** The application menu: the standard roles only (copy/paste, zoom, full screen, quit). */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template; developer tools only in development. */
export function appMenuTemplate(options: {
  isMac: boolean;
  isDev: boolean;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (options.isDev)
    view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [options.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
