/**
 * The application menu: the standard roles (copy/paste, zoom, full screen, quit) and a way to the
 * companion Pure Data patches, which an installed app otherwise hides in its resources folder.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template; developer tools only in development. */
export function appMenuTemplate(options: {
  isMac: boolean;
  isDev: boolean;
  /** Opens the folder of companion patches in the file manager. */
  onShowPatches: () => void;
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
    {
      role: 'help',
      submenu: [{ label: 'Show Pure Data Patches', click: () => options.onShowPatches() }],
    },
  ];
}
