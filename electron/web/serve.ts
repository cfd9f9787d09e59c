/**
 * `npm run serve [-- --port P --host H]`: the engine and the UI for a browser. Loopback only by
 * default; any other address requires the random token printed in the URL.
 */
import { parseHostArgs, USAGE } from './args';
import { printUrls, stopOnSignals } from './lifecycle';
import { runWebHost } from './run';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  if (args.isHelp) {
    console.log(`npm run serve -- [options]\n${USAGE}`);
    return;
  }
  const running = await runWebHost({ host: args.host, port: args.port, clockSkew: args.clockSkew });
  printUrls(running);
  stopOnSignals(running);
}

main().catch((error: Error) => {
  console.error(`[web] ${error.message}`);
  process.exit(1);
});
