import { describe, expect, it } from 'vitest';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/ipc';
import { readClientFrame } from './ws-frames';

const text = (s: string) => readClientFrame(Buffer.from(s), false);

describe('reading a frame from a browser', () => {
  it('accepts an invoke and a subscribe', () => {
    expect(text('{"kind":"invoke","id":3,"command":"engine:get","request":{}}')).toEqual({
      ok: true,
      frame: { kind: 'invoke', id: 3, command: 'engine:get', request: {} },
    });
    expect(text('{"kind":"subscribe","channels":["engine:changed"]}')).toMatchObject({ ok: true });
  });

  it.each([
    ['binary', readClientFrame(Buffer.from('{}'), true), null, /^Binary frames/],
    ['not JSON', text('{"kind":'), null, /^The frame is not JSON \(/],
    ['JSON that is not an object', text('42'), null, /does not follow the protocol/],
    ['an unknown kind', text('{"kind":"shout","id":2}'), 2, /does not follow the protocol/],
    ['a string id', text('{"kind":"invoke","id":"7"}'), null, /at id\.$/],
    ['a negative id', text('{"kind":"invoke","id":-1,"command":"x"}'), null, /at id\.$/],
    [
      'a command that is not a string',
      text('{"kind":"invoke","id":5,"command":1}'),
      5,
      /at command\.$/,
    ],
    ['an extra key', text('{"kind":"invoke","id":6,"command":"x","extra":1}'), 6, /protocol/],
  ])('refuses %s in words, keeping the id when there is one', (_what, read, id, message) => {
    expect(read).toMatchObject({ ok: false, id, error: { code: 'invalid' } });
    expect(!read.ok && read.error.message).toMatch(message);
  });

  it('refuses a frame above the size limit, with its size and the limit', () => {
    const padding = 'x'.repeat(MAX_CLIENT_FRAME_BYTES);
    const read = text(`{"kind":"invoke","id":9,"command":"engine:get","request":"${padding}"}`);
    expect(read).toMatchObject({ ok: false, id: 9 });
    expect(!read.ok && read.error.message).toBe('The frame is too large (257 KB; at most 256 KB).');
  });

  it('reads a message that arrived in fragments', () => {
    const parts = [Buffer.from('{"kind":"subscribe",'), Buffer.from('"channels":[]}')];
    expect(readClientFrame(parts, false)).toEqual({
      ok: true,
      frame: { kind: 'subscribe', channels: [] },
    });
  });
});
