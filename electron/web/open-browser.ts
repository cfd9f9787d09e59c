/** Opens a URL in the system browser when there is one; never fails (prints where to go instead). */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Tries to open `url`; returns false when no browser could be launched from here. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const command = openerFor(process.platform, env);
  if (!command) return false;
  try {
    const child = spawn(command[0], [...command.slice(1), url], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => {}); // a broken opener must not take the host down
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function openerFor(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): [string, ...string[]] | null {
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  // Without a display, xdg-open would start a text browser or fail: print the URL instead.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const xdgOpen = onPath('xdg-open', env.PATH ?? '');
  return xdgOpen ? [xdgOpen] : null;
}

function onPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}
