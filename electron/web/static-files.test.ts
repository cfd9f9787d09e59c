import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files';

describe('resolveStaticPath', () => {
  it('maps / to index.html and assets inside the folder', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/index-1.js')).toBe('/srv/r/assets/index-1.js');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2fetc/passwd',
    '/a%00b',
    '/%E0%A4%A',
  ])('never leaves the folder or accepts a malformed path: %s', (p) => {
    const file = resolveStaticPath('/srv/r', p);
    expect(file === null || file.startsWith('/srv/r/')).toBe(true);
    if (p.includes('..')) expect(file).toBeNull();
  });
});
