/**
 * `npm start`: the Electron app where its runtime exists; elsewhere one line says why not and
 * the same engine and UI start as a web host in the system browser.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseHostArgs, USAGE } from './args';
import { findElectron } from './electron-runtime';
import { printUrls, stopOnSignals } from './lifecycle';
import { openBrowser } from './open-browser';
import { runWebHost } from './run';

const appDir = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), { isOpenWanted: true });
  if (args.isHelp) {
    console.log(`npm start -- [options] (used when Electron cannot run)\n${USAGE}`);
    return;
  }
  const electron = findElectron({ isDownloadAllowed: true });
  if (electron.ok) {
    const child = spawn(electron.path, [appDir], {
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => child.kill(signal));
    return;
  }
  console.log(
    `[start] No Electron runtime here (${electron.reason}); starting the web host instead.`,
  );
  const running = await runWebHost({ host: args.host, port: args.port, clockSkew: args.clockSkew });
  printUrls(running);
  if (!args.isOpenWanted || !openBrowser(running.url)) {
    console.log(`[web] Open ${running.url} in a browser.`);
  }
  stopOnSignals(running);
}

main().catch((error: Error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
