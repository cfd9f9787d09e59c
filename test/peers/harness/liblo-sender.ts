/**
 * python3-liblo as an independent bundle sender (Debian's `/usr/bin/python3`: the module is not in
 * pyenv). It reports the exact timetag liblo put on the wire, so a receiver's reading of it can be
 * compared bit for bit.
 */
import { execFile } from 'node:child_process';
import type { NtpTime } from '../../../shared/osc/index';
import { ntpFromHex } from '../../../shared/osc/index';
import { debianPythonModule, type PeerRequirement } from './require-peer';

/** What a python3-liblo peer test needs installed. */
export const PYLIBLO_REQUIREMENTS: readonly PeerRequirement[] = [
  debianPythonModule('liblo', 'python3-liblo'),
];

/** An argument as pyliblo takes it: a `(type tag, value)` pair. */
export type LibloArg = ['i' | 'h' | 'f' | 'd' | 's' | 'S' | 'c', number | string];

/** One bundle for liblo to send: one message, due `leadS` seconds after liblo's clock reads now. */
export interface LibloBundleSpec {
  /** `null`: `liblo.Bundle(message)` without a time, which liblo sends as timetag 0. */
  leadS: number | null;
  address: string;
  args: readonly LibloArg[];
}

// The time is taken from liblo's own clock (liblo.time(), NTP seconds as a float) and split exactly
// the way pyliblo splits a float timetag (modf, then the fraction times 2^32 truncated). Passing the
// (seconds, fraction) pair on makes the bundle carry exactly the printed value.
const SCRIPT = `
import json, math, sys, liblo
port, specs = int(sys.argv[1]), json.loads(sys.argv[2])
target = liblo.Address('127.0.0.1', port)
sent = []
for spec in specs:
    message = liblo.Message(spec['address'], *[tuple(a) for a in spec['args']])
    if spec['leadS'] is None:
        liblo.send(target, liblo.Bundle(message))
        sent.append('00000000.00000000')
        continue
    frac, whole = math.modf(liblo.time() + spec['leadS'])
    timetag = (int(whole), int(frac * 4294967296.0))
    liblo.send(target, liblo.Bundle(timetag, message))
    sent.append('%08x.%08x' % timetag)
print(json.dumps(sent))
`;

/** Sends each bundle from python3-liblo to 127.0.0.1:`port`; resolves with the timetags it sent. */
export function sendLibloBundles(
  port: number,
  bundles: readonly LibloBundleSpec[],
): Promise<NtpTime[]> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/python3',
      ['-c', SCRIPT, String(port), JSON.stringify(bundles)],
      { timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error)
          return reject(
            new Error(`[liblo] python3-liblo sender failed: ${error.message}\n${stderr}`),
          );
        try {
          resolve((JSON.parse(stdout) as string[]).map(ntpFromHex));
        } catch (parseError) {
          reject(
            new Error(
              `[liblo] unexpected sender output ${JSON.stringify(stdout)}: ${String(parseError)}`,
            ),
          );
        }
      },
    );
  });
}
