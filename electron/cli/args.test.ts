import { describe, expect, it } from 'vitest';
import { parseHostPort, parseNumber, parsePort, parseTarget, UsageError } from './args';

describe('CLI argument parsing', () => {
  it('reads HOST:PORT including bracketed IPv6', () => {
    expect(parseHostPort('127.0.0.1:8001', 'x')).toEqual({ host: '127.0.0.1', port: 8001 });
    expect(parseHostPort('[::1]:9000', 'x')).toEqual({ host: '::1', port: 9000 });
    expect(parseHostPort('studio.local:57120', 'x')).toEqual({ host: 'studio.local', port: 57120 });
  });

  it('reads a target with an optional OSC address', () => {
    expect(parseTarget('127.0.0.1:8001/pd', '/tick')).toEqual({
      host: '127.0.0.1',
      port: 8001,
      address: '/pd',
    });
    expect(parseTarget('127.0.0.1:8000', '/tick')).toEqual({
      host: '127.0.0.1',
      port: 8000,
      address: '/tick',
    });
    expect(parseTarget('[::1]:8000/py', '/tick').address).toBe('/py');
  });

  it('explains what is wrong with a bad value', () => {
    expect(() => parsePort('99999', '--port')).toThrow(
      '--port must be a port number from 1 to 65535, got "99999"',
    );
    expect(() => parseHostPort('localhost', '--to')).toThrow(/HOST:PORT/);
    expect(() => parseNumber('fast', '--bpm', 20, 300)).toThrow(
      '--bpm must be a number from 20 to 300, got "fast"',
    );
    expect(() => parseTarget('1.2.3.4:5/ bad', '/tick')).toThrow(UsageError);
  });
});
