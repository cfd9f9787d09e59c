import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { waitFor } from '../testing/wait-for';
import { warnOfPortSharers } from './receiver';

describe('warning when another program binds the listening port too', () => {
  it('warns once each time one appears, checking every few seconds, and stops when told', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    const answers = [0, 1, 1, 0, 2];
    let reads = 0;
    const stop = warnOfPortSharers(
      { timers: clock, log: (_level, text) => lines.push(text) },
      'udp4',
      9000,
      async () => answers[reads++] ?? null,
    );
    for (let k = 1; k < answers.length; k++) {
      await waitFor(() => reads === k, { what: `read ${k}` });
      await new Promise((resolve) => setTimeout(resolve, 0)); // its timer is armed after the read
      clock.advance(5_000);
    }
    await waitFor(() => reads === answers.length, { what: 'every read' });
    await waitFor(() => lines.length === 2, { what: 'the second warning' });
    expect(lines).toHaveLength(2); // when 1 appeared, and again after it had gone
    expect(lines[0]).toMatch(/another program is also listening on UDP port 9000/);
    stop();
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reads).toBe(answers.length);
  });
});
