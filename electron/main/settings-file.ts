/**
 * The settings file on disk, whatever its contents: its bytes as text (UTF-8 with or without a
 * BOM, UTF-16 as Windows editors save it), copies of a file that will not be used (a numbered
 * series that never overwrites an earlier copy), and atomic, durable writes.
 */
import { constants, copyFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** How many copies of unusable files are kept (`.corrupt`, `.corrupt-1` ... `.corrupt-9`). */
export const MAX_SETTINGS_BACKUPS = 10;

/**
 * Text from a settings file's bytes: UTF-8 (a BOM is dropped), or UTF-16 LE/BE, recognised by
 * its BOM or, without one, by the zero byte beside the first ASCII character (JSON starts with
 * ASCII). Null when the bytes are not valid in that encoding.
 */
export function decodeSettingsText(bytes: Uint8Array): string | null {
  const [b0, b1] = bytes;
  const decode = (encoding: 'utf-8' | 'utf-16le' | 'utf-16be', from: number): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
        bytes.subarray(from),
      );
    } catch {
      return null;
    }
  };
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  if (b0 === 0xff && b1 === 0xfe) return decode('utf-16le', 2);
  if (b0 === 0xfe && b1 === 0xff) return decode('utf-16be', 2);
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return decode('utf-16le', 0);
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return decode('utf-16be', 0);
  return decode('utf-8', 0);
}

/**
 * Copies `file` to the first free name of its series (`settings.json.corrupt`, then
 * `.corrupt-1`...), never over an earlier copy, and removes the original when `isMove`. Returns
 * the sentence saying where it went (or why no copy could be kept).
 */
export function keepBackup(file: string, suffix: string, isMove: boolean): string {
  const names = Array.from(
    { length: MAX_SETTINGS_BACKUPS },
    (_, i) => `${file}.${suffix}${i === 0 ? '' : `-${i}`}`,
  );
  for (const name of names) {
    try {
      copyFileSync(file, name, constants.COPYFILE_EXCL); // fails on an existing copy: kept as it is
    } catch (error) {
      if ((error as { code?: string }).code === 'EEXIST') continue;
      return `No copy of the old file could be kept (${(error as Error).message}).`;
    }
    if (isMove) {
      try {
        unlinkSync(file);
      } catch {
        // the copy is safe; the next save replaces the original anyway
      }
    }
    return `The old file was kept as ${name}.`;
  }
  const [first, last] = [basename(names[0]!), basename(names.at(-1)!)];
  return `No copy of the old file was kept: ${MAX_SETTINGS_BACKUPS} earlier copies (${first} to ${last}) are already beside it; delete the ones you do not need.`;
}

/** Temporary file, flushed, renamed over `file`; then the folder flushed so the rename lasts. */
export async function writeAtomically(file: string, body: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  try {
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Windows cannot open a folder for flushing; its rename is already durable (NTFS journal).
  }
}
