/**
 * The committed icon set (assets/icon/) is what scripts/make-icons.ts draws from the design
 * today, and each file is a well-formed icon of the kind its installer expects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePng, ICNS_TYPES } from '../../scripts/icon/formats';
import { ICO_SIZES, ICON_DIR, makeIconSet, PNG_SIZES } from '../../scripts/make-icons';

const committed = (name: string) => readFileSync(join(ICON_DIR, name));
let fresh: Map<string, Buffer>;

beforeAll(() => {
  fresh = makeIconSet();
});

describe('icon set', () => {
  it('is up to date with the design (run "npx tsx scripts/make-icons.ts" after changing it)', () => {
    expect(committed('icon.svg').toString()).toBe(fresh.get('icon.svg')!.toString());
    for (const size of PNG_SIZES) {
      const name = `png/${size}x${size}.png`;
      const png = decodePng(committed(name));
      expect(png.size, name).toBe(size);
      // Pixels, not bytes (another zlib may compress them differently), to within one level of
      // rounding (another V8 may round a sine's last bit differently).
      const drawn = decodePng(fresh.get(name)!).rgba;
      const worst = png.rgba.reduce((max, v, i) => Math.max(max, Math.abs(v - drawn[i]!)), 0);
      expect(worst, name).toBeLessThanOrEqual(1);
    }
  });

  it('draws an opaque icon inside transparent corners at every size', () => {
    for (const size of PNG_SIZES) {
      const { rgba } = decodePng(committed(`png/${size}x${size}.png`));
      const alphaAt = (x: number, y: number) => rgba[(y * size + x) * 4 + 3];
      expect(alphaAt(0, 0), `${size}: corner`).toBe(0);
      expect(alphaAt(size >> 1, size >> 1), `${size}: centre`).toBe(255);
    }
  });

  it('has a Windows .ico whose entries are the PNGs up to 256 px', () => {
    const ico = committed('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([
      0,
      1,
      ICO_SIZES.length,
    ]);
    ICO_SIZES.forEach((size, i) => {
      const at = 6 + 16 * i;
      expect(ico[at] === 0 ? 256 : ico[at], `entry ${i}`).toBe(size);
      const png = ico.subarray(
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8),
      );
      expect(png.equals(committed(`png/${size}x${size}.png`)), `${size} px entry`).toBe(true);
    });
  });

  it('has a macOS .icns with a PNG entry of the right size for each type', () => {
    const icns = committed('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.toString('latin1', at, at + 4);
      types.push(type);
      const png = decodePng(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
      expect(png.size, type).toBe(ICNS_TYPES.find((t) => t.type === type)!.size);
    }
    expect(types).toEqual(ICNS_TYPES.map((t) => t.type));
  });
});
