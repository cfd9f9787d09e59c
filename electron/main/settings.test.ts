import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore, DEFAULT_SETTINGS } from './settings';
import { decodeSettingsText, MAX_SETTINGS_BACKUPS } from './settings-file';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'syncroscope-settings-')), 'settings.json');
const saved = { version: 1, window: { width: 900, height: 700 } } as const;
const savedText = JSON.stringify(saved);

function open(file: string) {
  const lines: string[] = [];
  const store = createSettingsStore({ file, log: (l) => lines.push(l) });
  return { store, lines };
}

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('settings store', () => {
  it('starts from the defaults without complaint when there is no file', () => {
    const { store } = open(fresh());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toBeNull();
  });

  it('saves atomically and loads what it saved', async () => {
    const file = fresh();
    const { store } = open(file);
    await store.save({ version: 1, window: { width: 900, height: 700 } });
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']); // no temporary file left
    expect(open(file).store.get().window).toEqual({ width: 900, height: 700 });
  });

  it('keeps the last of many saves in a row, and the file is whole after each', async () => {
    const file = fresh();
    const { store } = open(file);
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.save({ version: 1, window: { width: 700 + i, height: 600 } }),
    );
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      window: { width: 719, height: 600 },
    });
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
  });

  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(savedText)])],
    [
      'UTF-16 LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(savedText, 'utf16le')]),
    ],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(savedText)])],
    ['UTF-16 LE without a BOM', Buffer.from(savedText, 'utf16le')],
    ['UTF-16 BE without a BOM', utf16be(savedText)],
  ])('reads a file saved as %s as it is', (_what, bytes) => {
    const file = fresh();
    writeFileSync(file, bytes);
    const { store, lines } = open(file);
    expect(store.get()).toEqual(saved);
    expect(store.problem).toBeNull();
    expect(lines).toEqual([]);
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']); // nothing was set aside
  });

  it('decodes text: a UTF-8 BOM dropped, invalid UTF-8 refused', () => {
    expect(decodeSettingsText(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeSettingsText(Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}');
    expect(decodeSettingsText(Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull();
  });

  it.each([
    ['not JSON', '{ "version": 1, ', /unreadable \(not JSON\)/],
    ['not an object', '[1, 2, 3]', /unreadable \(not an object\)/],
    ['not text', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), /unreadable \(not text\)/],
  ])(
    'falls back to the defaults for a file that is %s, says why, and moves it aside',
    (_what, content, why) => {
      const file = fresh();
      writeFileSync(file, content);
      const { store, lines } = open(file);
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      expect(store.problem).toMatch(why);
      expect(store.problem).toContain(
        `defaults are used. The old file was kept as ${file}.corrupt.`,
      );
      expect(lines[0]).toMatch(/^\[settings\] /);
      expect(readFileSync(`${file}.corrupt`)).toEqual(Buffer.from(content));
      expect(existsSync(file)).toBe(false);
    },
  );

  it('never overwrites an earlier copy: the next goes to .corrupt-1, and so on', () => {
    const file = fresh();
    writeFileSync(file, 'first bad');
    open(file);
    writeFileSync(file, 'second bad');
    const { store } = open(file);
    expect(store.problem).toContain(`kept as ${file}.corrupt-1.`);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('first bad');
    expect(readFileSync(`${file}.corrupt-1`, 'utf8')).toBe('second bad');
  });

  it('keeps a bounded number of copies, and says so when no room is left', () => {
    const file = fresh();
    for (let i = 0; i < MAX_SETTINGS_BACKUPS; i++) {
      writeFileSync(file, `bad ${i}`);
      open(file);
    }
    writeFileSync(file, 'one too many');
    const { store } = open(file);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toMatch(
      /No copy of the old file was kept: 10 earlier copies \(settings\.json\.corrupt to settings\.json\.corrupt-9\)/,
    );
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('bad 0');
    expect(readFileSync(`${file}.corrupt-9`, 'utf8')).toBe('bad 9');
    expect(readdirSync(join(file, '..'))).toHaveLength(MAX_SETTINGS_BACKUPS + 1);
  });

  it('fills in what a file from an older version lacks, keeps the rest, and writes it back', async () => {
    const file = fresh();
    writeFileSync(file, '{ "window": { "width": 1000 } }'); // before versions, before heights
    const { store, lines } = open(file);
    expect(store.get()).toEqual({ version: 1, window: { width: 1000, height: 800 } });
    expect(store.problem).toBeNull();
    expect(lines).toEqual([
      '[settings] settings from an older version: window.height filled in with the defaults',
    ]);
    await store.whenWritten();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(store.get());
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
  });

  it('gives an invalid field its default, keeps the valid ones, and keeps a copy of the file', async () => {
    const file = fresh();
    const text = '{ "version": 1, "window": { "width": 5, "height": 700, "x": "left" } }';
    writeFileSync(file, text);
    const { store } = open(file);
    expect(store.get()).toEqual({ version: 1, window: { width: 1280, height: 700 } });
    expect(store.problem).toBe(
      `Some saved settings were not valid: window.width, window.x, so their defaults are used; the others were kept. The old file was kept as ${file}.corrupt.`,
    );
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe(text);
    await store.whenWritten();
    // Written back repaired, so the next start finds nothing to complain about.
    const again = open(file).store;
    expect(again.problem).toBeNull();
    expect(again.get()).toEqual(store.get());
  });

  it('reads what it knows of a newer version and keeps a copy before writing its own', async () => {
    const file = fresh();
    const text = '{ "version": 2, "window": { "width": 900, "height": 700 }, "theme": "dark" }';
    writeFileSync(file, text);
    const { store } = open(file);
    expect(store.get()).toEqual(saved);
    expect(store.problem).toBe(
      `Your settings file is from a newer Syncroscope (version 2): the settings this version knows were kept. The old file was kept as ${file}.v2.`,
    );
    expect(readFileSync(`${file}.v2`, 'utf8')).toBe(text);
  });

  it('keeps the window position when one was saved', () => {
    const file = fresh();
    writeFileSync(
      file,
      '{ "version": 1, "window": { "width": 900, "height": 700, "x": -20, "y": 40 } }',
    );
    expect(open(file).store.get().window).toEqual({ width: 900, height: 700, x: -20, y: 40 });
  });

  it('refuses to save invalid settings', () => {
    const { store } = open(fresh());
    expect(() => store.save({ version: 1, window: { width: -1, height: 700 } })).toThrow();
  });
});
