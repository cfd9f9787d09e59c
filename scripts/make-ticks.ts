/** Writes assets/tick.wav and assets/accent.wav from TICK_SPECS: `npx tsx scripts/make-ticks.ts`. */
import { writeFileSync } from 'node:fs';
import { synthesizeClick, TICK_SPECS } from '../shared/audio/click';
import { encodeWav } from '../shared/audio/wav';

for (const [name, spec] of Object.entries(TICK_SPECS)) {
  const path = new URL(`../assets/${name}.wav`, import.meta.url);
  writeFileSync(
    path,
    encodeWav({ sampleRate: spec.sampleRate, channels: [synthesizeClick(spec)] }),
  );
  process.stdout.write(`wrote ${path.pathname}\n`);
}
