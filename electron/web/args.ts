/** Command-line options of `npm run serve` and `npm start`. */
import { takeClockSkew } from '../cli/args';
import type { ClockSkew } from '../engine/time/skewed-clock';

/** Parsed options. */
export interface HostArgs {
  host: string;
  port: number;
  /** Open the system browser (npm start's fallback does by default). */
  isOpenWanted: boolean;
  isHelp: boolean;
  /** The teaching clock: the engine runs this far off and gaining this fast. */
  clockSkew: ClockSkew;
}

/** The default web host port. */
export const DEFAULT_WEB_PORT = 5180;

/** Usage text. */
export const USAGE = `Options:
  --port P     port for the web host (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --host H     address to bind (default 127.0.0.1: this computer only). Any other address,
               e.g. 0.0.0.0 for the whole network, requires the access token printed in the URL.
  --no-open    do not open a browser
  --clock-offset MS, --clock-drift PPM
               run the engine on a clock this far off and gaining this fast (teaching: a
               laptop whose clock is wrong; other Syncroscope instances measure and correct it)
  --help       this text`;

/** Parses `--port P`, `--port=P`, `--host H`, `--no-open`, `--help`; throws a plain-words Error. */
export function parseHostArgs(
  allArgv: readonly string[],
  defaults: Partial<HostArgs> = {},
): HostArgs {
  const { argv, skew } = takeClockSkew(allArgv);
  const out: HostArgs = {
    host: '127.0.0.1',
    port: DEFAULT_WEB_PORT,
    isOpenWanted: false,
    isHelp: false,
    ...defaults,
    clockSkew: skew,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) {
          throw new Error(`--port must be a whole number from 0 to 65535, got "${v}".`);
        }
        out.port = port;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--open':
        out.isOpenWanted = true;
        break;
      case '--no-open':
        out.isOpenWanted = false;
        break;
      case '--help':
      case '-h':
        out.isHelp = true;
        break;
      default:
        throw new Error(`Unknown option "${arg}".\n${USAGE}`);
    }
  }
  return out;
}
