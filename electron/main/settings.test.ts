import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore, DEFAULT_SETTINGS } from './settings';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'syncroscope-settings-')), 'settings.json');

describe('settings store', () => {
  it('starts from the defaults without complaint when there is no file', () => {
    const store = createSettingsStore({ file: fresh(), log: () => {} });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toBeNull();
  });

  it('saves atomically and loads what it saved', async () => {
    const file = fresh();
    const store = createSettingsStore({ file, log: () => {} });
    await store.save({ version: 1, window: { width: 900, height: 700 } });
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']); // no temporary file left
    expect(createSettingsStore({ file, log: () => {} }).get().window).toEqual({
      width: 900,
      height: 700,
    });
  });

  it.each([
    ['not JSON', '{ "version": 1, '],
    ['the wrong shape', '{ "version": 1, "window": { "width": "wide" } }'],
    ['an absurd value', '{ "version": 1, "window": { "width": 5, "height": 5 } }'],
    ['a future version', '{ "version": 2, "window": { "width": 900, "height": 700 } }'],
  ])('falls back to the defaults, says why, and keeps a file with %s', (_what, text) => {
    const file = fresh();
    writeFileSync(file, text);
    const lines: string[] = [];
    const store = createSettingsStore({ file, log: (l) => lines.push(l) });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toMatch(/settings file was unreadable .* defaults are used/);
    expect(lines[0]).toMatch(/^\[settings\] /);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe(text);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to save invalid settings', () => {
    const store = createSettingsStore({ file: fresh(), log: () => {} });
    expect(() => store.save({ version: 1, window: { width: -1, height: 700 } })).toThrow();
  });
});
