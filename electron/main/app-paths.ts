/**
 * Where main finds the app's parts at run time. One place, so the packaging test checks the
 * packed app against the very paths main uses (test/packaging/pack.test.ts).
 */
import { join } from 'node:path';

/** The built page and preload, from the folder of the running main bundle (out/main). */
export function builtAppPaths(mainDir: string): { preload: string; page: string } {
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    page: join(mainDir, '../renderer/index.html'),
  };
}

/**
 * The Pure Data companion patches: shipped beside the app (electron-builder's extraResources, so
 * Pd can open them from an ordinary folder) once packaged, the repository's assets/ before.
 */
export function companionPatchesDir(app: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
}): string {
  return app.isPackaged
    ? join(app.resourcesPath, 'assets', 'peers')
    : join(app.appPath, 'assets', 'peers');
}
