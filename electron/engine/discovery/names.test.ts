import { describe, expect, it } from 'vitest';
import { defaultInstanceName, hostLabel, isOwnName, releaseName, reserveName } from './names';

describe('instance names', () => {
  it('name the computer and the port, with the host cut to one DNS label', () => {
    expect(defaultInstanceName(8000, 'studio.example.org')).toBe('Syncroscope on studio (8000)');
    expect(hostLabel('my_laptop (2)')).toBe('my-laptop-2');
    expect(hostLabel('...')).toBe('computer');
  });

  it('are unique within the process while reserved, and free again once released', () => {
    const a = reserveName('Syncroscope on test (1)');
    const b = reserveName('Syncroscope on test (1)');
    expect(a).toBe('Syncroscope on test (1)');
    expect(b).toBe('Syncroscope on test (1) #2');
    expect(isOwnName('syncroscope on TEST (1) #2')).toBe(true);
    releaseName(a);
    releaseName(b);
    expect(isOwnName(a)).toBe(false);
    expect(reserveName(a)).toBe(a);
    releaseName(a);
  });

  it('carry no dots (the library would cut the name there)', () => {
    const name = reserveName('v1.2 on a.b');
    expect(name).toBe('v1-2 on a-b');
    releaseName(name);
  });
});
