/**
 * `syncroscope clock` and the clock sync of listen and metronome, in process on real UDP: each
 * command runs on its own (possibly deliberately skewed) clock, as separate machines would.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ntpFromHex, ntpToUnixMs } from '../../shared/osc/timetag';
import { waitFor } from '../engine/testing/wait-for';
import { takeClockSkew, UsageError } from './args';
import { createCliRunner, freeUdpPort } from './cli-run.test-util';

const cli = createCliRunner();
afterEach(cli.stopAll);
const run = cli.run;
const freePort = freeUdpPort;

const json = (lines: string[]) => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

describe('takeClockSkew', () => {
  it('takes both options out of the arguments, in either spelling, wherever they are', () => {
    expect(
      takeClockSkew(['--port', '9', '--clock-offset', '250', '--clock-drift=-50', '--json']),
    ).toEqual({
      argv: ['--port', '9', '--json'],
      skew: { offsetMs: 250, driftPpm: -50 },
    });
    expect(takeClockSkew(['--port', '9'])).toEqual({
      argv: ['--port', '9'],
      skew: { offsetMs: 0, driftPpm: 0 },
    });
  });

  it.each([[['--clock-offset', 'soon']], [['--clock-drift']], [['--clock-drift', '1e9']]])(
    'refuses %j in plain words',
    (argv) => {
      expect(() => takeClockSkew(argv)).toThrow(UsageError);
      expect(() => takeClockSkew(argv)).toThrow(/--clock-(offset|drift) must be a number from/);
    },
  );
});

describe('syncroscope clock', () => {
  it('measures a listener whose clock is 250 ms ahead, within its honest bound', async () => {
    const port = await freePort();
    const l = run(['listen', '--port', String(port), '--no-advertise', '--clock-offset', '250']);
    await waitFor(() => l.err.some((e) => e.includes('listening')));
    const c = run(['clock', `127.0.0.1:${port}`, '--json', '--count', '16', '--interval', '20']);
    expect(await c.code).toBe(0);
    const lines = json(c.out);
    expect(lines.length).toBeGreaterThanOrEqual(12);
    const last = lines.at(-1)!;
    expect(Object.keys(last)).toEqual(
      expect.arrayContaining([
        'offset_ms',
        'rtt_ms',
        'error_bound_ms',
        'drift_ppm',
        'state',
        'samples',
      ]),
    );
    expect(last.peer).toBe(`127.0.0.1:${port}`);
    expect(last.state).toBe('converged');
    expect(Math.abs(last.offset_ms - 250)).toBeLessThanOrEqual(last.error_bound_ms + 1);
    expect(last.error_bound_ms).toBeLessThan(5);
    expect(c.err.join('\n')).toMatch(/16 of 16 pings answered/);
    // listen does not print the clock exchange
    expect(l.out).toEqual([]);
  });

  it('measures a timecode master on its cue port, as every Syncroscope socket answers', async () => {
    const port = await freePort();
    const sink = await freePort();
    const m = run(['timecode', 'master', '--listen', String(port), '--to', `127.0.0.1:${sink}`]);
    await m.waitFor(() => m.err.some((e) => e.includes(`cues on port ${port}`)));
    const c = run(['clock', `127.0.0.1:${port}`, '--json', '--count', '8', '--interval', '20']);
    expect(await c.code).toBe(0);
    const last = json(c.out).at(-1)!;
    expect(last.peer).toBe(`127.0.0.1:${port}`);
    expect(Math.abs(last.offset_ms)).toBeLessThanOrEqual(last.error_bound_ms + 1);
  });

  it('says a peer that never answers is probably not Syncroscope, and exits 1', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    const c = run([
      'clock',
      `127.0.0.1:${silent.address().port}`,
      '--count',
      '3',
      '--interval',
      '10',
      '--timeout',
      '50',
    ]);
    expect(await c.code).toBe(1);
    silent.close();
    expect(c.err.join('\n')).toContain('no answer from');
  });

  it.each([
    [['clock']],
    [['clock', 'localhost']],
    [['clock', '127.0.0.1:9', '--interval', '0']],
    [['listen', '--port', '0', '--clock-offset', 'x']],
  ])('refuses the command line %j with exit code 2', async (argv) => {
    const c = run(argv);
    expect(await c.code).toBe(2);
    expect(c.err.join('\n')).toMatch(/must|give one peer/);
  });
});

describe('listen and metronome clock sync', () => {
  it("plays a skewed metronome's forward ticks at the instant it meant, in its clock", async () => {
    const port = await freePort();
    const l = run(['listen', '--port', String(port), '--json', '--no-advertise']);
    await waitFor(() => l.err.some((e) => e.includes('listening')));
    const m = run([
      ...['metronome', '--mode', 'forward', '--bpm', '300', '--offset', '100', '--extended'],
      ...['--target', `127.0.0.1:${port}`, '--clock-offset', '250', '--clock-drift', '50'],
    ]);
    await waitFor(() => json(l.out).filter((x) => x.clock === 'peer').length >= 3, {
      timeoutMs: 8000,
      what: 'ticks read in the metronome clock',
      details: () => l.out.slice(-3).join('\n'),
    });
    m.stop();
    expect(await m.code).toBe(0);
    const lines = json(l.out);
    expect(lines[0].clock).toMatch(/^peer/); // the first answer arrives before the first beat
    for (const t of lines.filter((x) => x.clock === 'peer')) {
      expect(t.clock_offset_ms).toBeGreaterThan(249);
      expect(t.clock_offset_ms).toBeLessThan(251);
      // Played when the timetag, read in the metronome's clock, came round in ours.
      const meantMs = ntpToUnixMs(ntpFromHex(t.timetag)) - t.clock_offset_ms;
      expect(Math.abs(t.dispatched * 1000 - meantMs)).toBeLessThan(5);
      expect(t.lead_ms).toBeGreaterThan(0);
      expect(t.lead_ms).toBeLessThan(200);
    }
  }, 15_000);
});
