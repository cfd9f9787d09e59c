/**
 * `npm run bench [-- --json] [-- --only GROUP[,GROUP]] [-- --quick]`: runs the benchmark groups and
 * prints a table (or ONE JSON object on stdout with --json). Progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { runAttenuationBench } from './attenuation';
import { runDispatchBench } from './dispatch';
import { formatTable, TARGETS } from './report';

type Group = (options: { quick: boolean }) => Promise<Record<string, number>>;

const groups: Record<string, Group> = {
  codec: async ({ quick }) => (await import('./codec')).runCodecBench({ quick }),
  dispatch: ({ quick }) => runDispatchBench(quick ? { n: 500 } : {}),
  attenuation: ({ quick }) => runAttenuationBench(quick ? { ticks: 20 } : {}),
  audio: async ({ quick }) => (await import('./audio')).runAudioBench(quick ? { ticks: 20 } : {}),
  clocksync: async ({ quick }) =>
    (await import('./clocksync')).runClocksyncBench(quick ? { durationMs: 20_000, beats: 30 } : {}),
  timecode: async ({ quick }) =>
    (await import('./timecode')).runTimecodeBench(
      quick ? { sendSeconds: 20, displayFrames: 250 } : {},
    ),
  flood: async ({ quick }) => (await import('./flood')).runFloodBench(quick ? { seconds: 3 } : {}),
};
const planned: string[] = [];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `usage: npm run bench -- [--json] [--only GROUP[,GROUP]] [--quick]\ngroups: ${Object.keys(groups).join(', ')}\n`,
    );
    return 0;
  }
  const wanted = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : Object.keys(groups);
  for (const name of wanted) {
    if (groups[name]) continue;
    const why = planned.includes(name) ? 'is not implemented yet' : 'does not exist';
    process.stderr.write(
      `[bench] group "${name}" ${why}; available: ${Object.keys(groups).join(', ')}\n`,
    );
    return 2;
  }
  const figures: Record<string, number> = {};
  for (const name of wanted) {
    process.stderr.write(`[bench] running ${name}...\n`);
    Object.assign(figures, await groups[name]!({ quick: values.quick }));
  }
  process.stdout.write(
    values.json ? `${JSON.stringify(figures)}\n` : formatTable(figures, TARGETS),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
