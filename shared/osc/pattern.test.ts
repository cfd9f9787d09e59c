import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAddressPattern, matchAddress, OscPatternError } from './index';

const table: [pattern: string, address: string, matches: boolean][] = [
  ['/py*', '/py', true], // python-osc's dispatcher.map("/py*") must take "/py" itself
  ['/py*', '/pyfoo', true],
  ['/py*', '/p', false],
  ['/py*', '/py/foo', false],
  ['/tick', '/tick', true],
  ['/tick', '/tick2', false],
  ['/tick', '/tic', false],
  ['/*/action', '/trigger/action', true],
  ['/*/action', '/a/b/action', false],
  ['/trigger/*', '/trigger/action_tc', true],
  ['/*', '/', true],
  ['/*/*', '/a', false],
  ['/a*b*c', '/aXbYc', true],
  ['/a*b*c', '/abc', true],
  ['/a*b*c', '/acb', false],
  ['/[abc]x', '/bx', true],
  ['/[abc]x', '/dx', false],
  ['/[!a-z]', '/A', true],
  ['/[!a-z]', '/q', false],
  ['/[!a-z]', '//', false],
  ['/[a-c]', '/b', true],
  ['/[a-c]', '/d', false],
  ['/[a-]', '/-', true], // a trailing '-' is literal
  ['/[-a]', '/-', true],
  ['/{foo,bar}', '/foo', true],
  ['/{foo,bar}', '/bar', true],
  ['/{foo,bar}', '/baz', false],
  ['/{foo,bar}', '/foobar', false],
  ['/{foo,bar}/x', '/bar/x', true],
  ['/{,x}y', '/y', true],
  ['/{a,ab}c', '/abc', true],
  ['/?', '/a', true],
  ['/?', '/ab', false],
  ['/a?c', '/a/c', false],
  ['/?', '/é', true],
  ['/?', '/😀', true], // one code point, two UTF-16 units
  ['/[😀é]', '/😀', true],
];

describe('address patterns', () => {
  it.each(table)('%s against %s gives %s', (pattern, address, matches) => {
    expect(compileAddressPattern(pattern)(address)).toBe(matches);
    expect(matchAddress(pattern, address)).toBe(matches);
  });

  it.each([
    ['/[abc', "unclosed '['"],
    ['/{foo,bar', "unclosed '{'"],
    ['/a]', "unbalanced ']'"],
    ['/a}', "unbalanced '}'"],
    ['/[]', "empty '[ ]'"],
    ['/[z-a]', 'reversed range'],
    ['/[a/]', "'/' inside '[ ]'"],
    ['/{a/b,c}', "'/' inside '{ }'"],
    ['/{a,[b]}', "'[' inside '{ }'"],
    ['tick', "must start with '/'"],
  ])('rejects %s as invalid (%s)', (pattern, why) => {
    expect(() => compileAddressPattern(pattern)).toThrow(OscPatternError);
    expect(() => compileAddressPattern(pattern)).toThrow(why);
  });

  it('matches a hostile pattern in linear time (a backtracking regex would not finish)', () => {
    const m = compileAddressPattern(`/${'*a'.repeat(30)}b`);
    expect(m(`/${'a'.repeat(20_000)}`)).toBe(false);
    expect(m(`/${'a'.repeat(20_000)}b`)).toBe(true);
  });

  it('agrees with a straightforward RegExp translation on random patterns', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      '/',
      '*',
      '?',
      '[ab]',
      '[!a]',
      '[a-b]',
      '{a,b}',
      '{ab,}',
      '{b,ba}',
    );
    const pattern = fc.array(piece, { maxLength: 6 }).map((p) => `/${p.join('')}`);
    const address = fc
      .array(fc.constantFrom('a', 'b', '/', 'c'), { maxLength: 8 })
      .map((a) => `/${a.join('')}`);
    fc.assert(
      fc.property(pattern, address, (p, a) => {
        expect(compileAddressPattern(p)(a)).toBe(toRegExp(p).test(a));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps matching correctly once its pattern cache has turned over', () => {
    for (let k = 0; k < 600; k++) expect(matchAddress(`/p${k}*`, `/p${k}x`)).toBe(true);
    expect(matchAddress('/p0*', '/q')).toBe(false);
  });
});

/** The obvious translation, fine for the tiny random patterns above. */
function toRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\[!([^\]]*)\]/g, '[^$1/]')
    .replace(/\{([^}]*)\}/g, (_, alts: string) => `(?:${alts.split(',').join('|')})`);
  return new RegExp(`^${body}$`, 'u');
}
