import { describe, expect, it } from 'vitest';
import { parseEndpoint } from './endpoint';

describe('manual peer entry', () => {
  it.each([
    ['192.168.1.20:8000', { host: '192.168.1.20', port: 8000 }],
    ['  studio.local:5006 ', { host: 'studio.local', port: 5006 }],
    ['[fe80::1]:8001', { host: 'fe80::1', port: 8001 }],
  ])('reads %s', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });

  it.each([
    ['', /e\.g\. 192\.168\.1\.20:8000/],
    ['studio.local', /is not host:port/],
    ['a b:80', /is not host:port/],
    ['host:0', /1 to 65535, not 0/],
    ['host:70000', /1 to 65535, not 70000/],
  ])('says what is wrong with %j', (text, message) => {
    const parsed = parseEndpoint(text);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
