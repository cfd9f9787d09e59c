// Loads the engine worker from TypeScript source (tsx, vitest). On Node 20, `--import tsx` in a
// worker's execArgv does not apply to the worker (tsx registers its hooks on the main thread
// only), so this bootstrap registers them here and then imports the .ts entry.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
