/**
 * `npx tsx scripts/make-icons.ts`: writes the icon set electron-builder packs (assets/icon/) from
 * the one design in scripts/icon/design.ts. Pure Node (no image library, no native dependency):
 * icon.svg (the source), png/NxN.png (Linux, and the sizes the others are made of), icon.ico
 * (Windows) and icon.icns (macOS). The outputs are committed; test/packaging/icons.test.ts checks
 * they are what the design draws today.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICON, iconSvg } from './icon/design';
import { encodeIcns, encodeIco, encodePng } from './icon/formats';
import { rasterize } from './icon/raster';

/** Where the set goes. */
export const ICON_DIR = fileURLToPath(new URL('../assets/icon/', import.meta.url));
/** The PNG sizes written: every one a desktop or installer asks for, up to macOS's 1024. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** The sizes inside icon.ico (Windows uses up to 256). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** Every file of the set, by path relative to {@link ICON_DIR}. */
export function makeIconSet(): Map<string, Buffer> {
  const pngs = new Map(PNG_SIZES.map((size) => [size, encodePng(rasterize(ICON, size))]));
  const files = new Map<string, Buffer>([['icon.svg', Buffer.from(iconSvg())]]);
  for (const [size, png] of pngs) files.set(`png/${size}x${size}.png`, png);
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
  files.set('icon.icns', encodeIcns(pngs));
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, bytes] of makeIconSet()) {
    mkdirSync(join(ICON_DIR, name, '..'), { recursive: true });
    writeFileSync(join(ICON_DIR, name), bytes);
    console.log(`[icons] ${join('assets/icon', name)} (${bytes.length} bytes)`);
  }
}
