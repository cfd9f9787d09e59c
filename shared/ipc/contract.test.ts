import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { isCommandChannel, isEventChannel, stateGetter } from './names';
import { commandNames, eventNames, parseCommand, stateNames, streamNames } from './validate';

describe('the contract table', () => {
  it('names commands domain:verb, state domain:changed and streams stream:<name>', () => {
    for (const name of commandNames) expect(isCommandChannel(name), name).toBe(true);
    for (const name of stateNames) expect(name).toMatch(/^[a-z][a-z0-9-]*:changed$/);
    for (const name of streamNames) expect(name).toMatch(/^stream:[a-z][a-z0-9-]*$/);
    for (const name of eventNames) expect(isEventChannel(name), name).toBe(true);
  });

  it('gives every pushed state a getter command that answers the same schema', () => {
    for (const name of stateNames) {
      const spec = contract.states[name];
      expect(commandNames).toContain(spec.get);
      expect(stateGetter(name)).toBe(spec.get); // what the zod-free bridge relies on
      expect(contract.commands[spec.get as keyof typeof contract.commands].response).toBe(
        spec.value,
      );
    }
  });

  it('bounds every stream frame so a flood cannot flood the display', () => {
    for (const name of streamNames) {
      expect(contract.streams[name].maxPerFrame).toBeGreaterThan(0);
      expect(contract.streams[name].maxPerFrame).toBeLessThanOrEqual(1000);
    }
  });
});

describe('parseCommand', () => {
  it("fills in defaults: receiver:start listens on 127.0.0.1, plays late messages, hears the seeds' ticks", () => {
    expect(parseCommand('receiver:start', { port: 8000 })).toEqual({
      ok: true,
      command: 'receiver:start',
      request: {
        host: '127.0.0.1',
        port: 8000,
        latePolicy: 'play',
        patterns: ['/tick', '/pd', '/py*'],
      },
    });
  });

  it('rejects a tick pattern that cannot compile, saying where', () => {
    const r = parseCommand('receiver:start', { port: 8000, patterns: ['/tick', '/[ab'] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/invalid OSC address pattern "\/\[ab".* at patterns\[1\]/);
  });

  it("refuses a metronome value out of range in the model's words, with its field path", () => {
    expect(parseCommand('metronome:update', { bpm: 500 })).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'Invalid "metronome:update" request: BPM must be between 20 and 300 at bpm',
        field: ['bpm'],
      },
    });
    expect(parseCommand('metronome:update', { bpm: '120' }).ok).toBe(false);
    expect(parseCommand('metronome:update', { tempo: 120 }).ok).toBe(false);
  });

  it('gives every problem its own path, the first as the field', () => {
    const target = {
      id: 't1',
      host: '127.0.0.1',
      port: 8000,
      address: '/tick',
      format: 'seed',
      impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
    };
    const r = parseCommand('metronome:update', {
      offsetMs: 5000,
      targets: [target, { ...target, id: 't2', impairment: { ...target.impairment, delayMs: -1 } }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toEqual(['offsetMs']);
    expect(r.error.issues).toEqual([
      { field: ['offsetMs'], message: 'the forward offset must be between 0 and 2000 ms' },
      {
        field: ['targets', 1, 'impairment', 'delayMs'],
        message: 'the delay must be between 0 and 10000 ms',
      },
    ]);
    expect(r.error.message).toContain('at targets[1].impairment.delayMs');
  });

  it('requires every field of a metronome target, impairment included', () => {
    const target = {
      id: 't1',
      host: '127.0.0.1',
      port: 8000,
      address: '/tick',
      format: 'seed',
      impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
    };
    expect(parseCommand('metronome:update', { targets: [target] }).ok).toBe(true);
    const { impairment: _, ...bare } = target;
    expect(parseCommand('metronome:update', { targets: [bare] }).ok).toBe(false);
  });

  it('rejects a bad payload with a sentence naming the command and the field', () => {
    const r = parseCommand('receiver:start', { port: 70000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid');
    expect(r.error.field).toEqual(['port']);
    expect(r.error.message).toMatch(/^Invalid "receiver:start" request: .*65535.* at port/);
  });

  it('rejects fields the contract does not know (no silent extras)', () => {
    const r = parseCommand('osc:send', { host: 'h', port: 1, address: '/a', evil: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('evil');
  });

  it('rejects an address without a slash and a send time an hour or more ahead', () => {
    expect(parseCommand('osc:send', { host: 'h', port: 1, address: 'a' }).ok).toBe(false);
    expect(parseCommand('osc:send', { host: 'h', port: 1, address: '/a', atMs: 4e6 }).ok).toBe(
      false,
    );
  });

  it('rejects names that are not commands in the table, including pushed channels', () => {
    for (const name of ['engine:delete', 'engine:changed', 'stream:log', 42, '__proto__']) {
      const r = parseCommand(name, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown-command');
    }
  });

  it('treats a missing payload as an empty request', () => {
    expect(parseCommand('engine:get', undefined).ok).toBe(true);
  });
});
