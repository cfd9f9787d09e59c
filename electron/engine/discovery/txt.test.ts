import { describe, expect, it } from 'vitest';
import { encodeTxt, parseTxt } from './txt';

const raw = (...strings: string[]): Buffer[] => strings.map((s) => Buffer.from(s));

describe('TXT records', () => {
  it("write Syncroscope's short keys: app, version, role and whether it answers clock sync", () => {
    expect(encodeTxt({ role: 'listen', answersClockSync: true })).toEqual({
      app: 'syncroscope',
      v: '1',
      role: 'listen',
      clock: '1',
    });
    expect(encodeTxt({ role: 'timecode-master', answersClockSync: false }).clock).toBe('0');
  });

  it('read back what they write, from the raw strings on the wire', () => {
    const written = encodeTxt({ role: 'metronome', answersClockSync: true });
    const wire = raw(...Object.entries(written).map(([k, v]) => `${k}=${v}`));
    expect(Object.fromEntries(parseTxt(wire))).toEqual(written);
  });

  it('read keys case-insensitively, keep the first of a repeated key, and keep "=" inside values', () => {
    const txt = parseTxt(raw('App=syncroscope', 'app=other', 'path=/a=b'));
    expect(txt.get('app')).toBe('syncroscope');
    expect(txt.get('path')).toBe('/a=b');
  });

  it('read a bare key as present with an empty value, and an empty value as empty', () => {
    const txt = parseTxt(raw('flag', 'empty=', ''));
    expect(txt.get('flag')).toBe('');
    expect(txt.get('empty')).toBe('');
    expect([...txt.keys()]).toEqual(['flag', 'empty']);
  });

  it("fall back to the library's decoded object, and give nothing for junk", () => {
    expect(parseTxt({ Role: 'listen', n: 3 })).toEqual(
      new Map([
        ['role', 'listen'],
        ['n', '3'],
      ]),
    );
    for (const junk of [null, undefined, 42, 'app=x', [7, {}]]) expect(parseTxt(junk).size).toBe(0);
  });

  it('cut an oversized foreign value to 255 characters', () => {
    expect(parseTxt(raw(`k=${'x'.repeat(1000)}`)).get('k')).toHaveLength(255);
  });
});
