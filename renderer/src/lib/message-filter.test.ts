import { describe, expect, it } from 'vitest';
import { message } from '../testing/fixtures';
import { messageFilter } from './message-filter';

const log = [
  message({ address: '/py', args: ['s:"hello"'] }),
  message({ address: '/pd', args: ['s:"tick"'] }),
  message({ address: '/tick', args: ['s:"tick"'], source: '10.0.0.9:9000' }),
  message({ address: '/cue/lighting', args: ['s:"Scene Bright"'] }),
];
const addresses = (keep: (m: (typeof log)[number]) => boolean) =>
  log.filter(keep).map((m) => m.address);

describe('the message log filter', () => {
  it('matches text anywhere in the line, ignoring case', () => {
    expect(addresses(messageFilter('bright', true))).toEqual(['/cue/lighting']);
    expect(addresses(messageFilter('10.0.0.9', true))).toEqual(['/tick']);
  });

  it('reads an address pattern as OSC does', () => {
    expect(addresses(messageFilter('/p?', true))).toEqual(['/py', '/pd']);
    expect(addresses(messageFilter('/{tick,py}', true))).toEqual(['/py', '/tick']);
    expect(addresses(messageFilter('/[', true))).toEqual([]); // half typed: nothing, no throw
  });

  it('hides ticks when asked', () => {
    expect(addresses(messageFilter('', false))).toEqual(['/py', '/cue/lighting']);
  });
});
