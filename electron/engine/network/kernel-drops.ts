/**
 * The datagrams the OS dropped on one of our sockets because its receive buffer was full: loss
 * that happens before the engine could see it. Linux keeps a count per socket (the `drops` column
 * of /proc/net/udp and /proc/net/udp6), found by the socket's port and its inode (the inodes are
 * read from this process's own file descriptors, so another program's socket on the same port is
 * never taken for ours). Other systems do not say: the count is null there, never a pretend 0.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { SchedulerTimers } from '../time/timers';

/** Which socket to look for. */
export interface KernelSocketId {
  family: 'udp4' | 'udp6';
  port: number;
}

/** One row of /proc/net/udp: a socket's local port, inode and drop count. */
interface UdpRow {
  port: number;
  inode: number;
  drops: number;
}

/** The rows of a /proc/net/udp or /proc/net/udp6 table (unreadable rows are left out). */
export function parseUdpTable(text: string): UdpRow[] {
  const rows: UdpRow[] = [];
  const lines = text.split('\n');
  const head = lines[0]?.trim().split(/\s+/) ?? [];
  // The header names 'tx_queue rx_queue' and 'tr tm->when' as one column each: count from the end.
  const fromEnd = (name: string): number => head.length - head.indexOf(name);
  const inodeAt = fromEnd('inode');
  const dropsAt = fromEnd('drops');
  if (!head.includes('inode') || !head.includes('drops')) return rows;
  for (const line of lines.slice(1)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 4) continue;
    const local = cells[1]!.split(':');
    const port = parseInt(local[1] ?? '', 16);
    const inode = Number(cells[cells.length - inodeAt]);
    const drops = Number(cells[cells.length - dropsAt]);
    if (Number.isInteger(port) && Number.isInteger(inode) && Number.isInteger(drops))
      rows.push({ port, inode, drops });
  }
  return rows;
}

/** What {@link createKernelDropReader} reads (injected by tests). */
export interface KernelDropSources {
  platform: string;
  /** The table's text, or null when it cannot be read. */
  readTable(family: KernelSocketId['family']): Promise<string | null>;
  /** Inodes of this process's sockets, or null when they cannot be listed. */
  ownSocketInodes(): Promise<ReadonlySet<number> | null>;
}

const procSources: KernelDropSources = {
  platform: process.platform,
  readTable: (family) =>
    readFile(family === 'udp6' ? '/proc/net/udp6' : '/proc/net/udp', 'utf8').catch(() => null),
  async ownSocketInodes() {
    try {
      const inodes = new Set<number>();
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m) inodes.add(Number(m[1]));
      }
      return inodes;
    } catch {
      return null;
    }
  },
};

/**
 * The rows of the sockets bound to `id`'s port, and the inodes of this process's sockets (to tell
 * ours apart); null where the OS does not tell.
 */
async function readPortRows(
  id: KernelSocketId,
  sources: KernelDropSources,
): Promise<{ rows: UdpRow[]; ours: ReadonlySet<number> } | null> {
  if (sources.platform !== 'linux') return null;
  const text = await sources.readTable(id.family);
  const ours = text === null ? null : await sources.ownSocketInodes();
  if (text === null || ours === null) return null;
  return { rows: parseUdpTable(text).filter((r) => r.port === id.port), ours };
}

/** Reads the drop count of our sockets on one port as the OS keeps it (since each was made). */
export type KernelDropReader = () => Promise<number | null>;

/**
 * A reader for the sockets this process has bound to `id` (one, or a listening socket with a
 * socket per sender): their counts added up, those of sockets closed since kept in the sum. It
 * resolves to null where the OS does not tell, or before any of ours was found.
 */
export function createKernelDropReader(
  id: KernelSocketId,
  sources: KernelDropSources = procSources,
): KernelDropReader {
  /** The last count of each of our sockets still open, by inode; and those of closed ones. */
  const open = new Map<number, number>();
  let closed = 0;
  return async () => {
    const port = await readPortRows(id, sources);
    if (port === null) return null;
    const mine = new Map<number, number>();
    for (const r of port.rows) if (port.ours.has(r.inode)) mine.set(r.inode, r.drops);
    for (const [inode, drops] of open) if (!mine.has(inode)) closed += drops;
    open.clear();
    for (const [inode, drops] of mine) open.set(inode, drops);
    if (open.size === 0 && closed === 0) return null; // not found: unknown, not 0
    let sum = closed;
    for (const drops of open.values()) sum += drops;
    return sum;
  };
}

/**
 * How many sockets of other programs are bound to `id`'s port too (null where the OS does not
 * tell). A listening port shared with a socket per sender (SO_REUSEADDR) lets another program
 * that asks to share it bind it after us, and take some of the datagrams: worth a warning.
 */
export function createPortSharersReader(
  id: KernelSocketId,
  sources: KernelDropSources = procSources,
): () => Promise<number | null> {
  return async () => {
    const port = await readPortRows(id, sources);
    return port === null ? null : port.rows.filter((r) => !port.ours.has(r.inode)).length;
  };
}

/** The OS's drops on one socket since it was bound, read every `intervalMs`. */
export interface KernelDropWatch {
  /** Datagrams dropped since the socket was bound; null until known, or where the OS does not say. */
  readonly dropped: number | null;
  dispose(): void;
}

/** Options for {@link watchKernelDrops}. */
export interface KernelDropWatchOptions {
  read: KernelDropReader;
  timers: Pick<SchedulerTimers, 'setTimer' | 'clearTimer'>;
  intervalMs: number;
  /** The count already known (a watch taking over the same socket), until the first reading. */
  initial?: number | null;
  /** The count changed. */
  onChange?: () => void;
}

/** Reads at once, then every `intervalMs`, off the hot path (the reads are asynchronous). */
export function watchKernelDrops(options: KernelDropWatchOptions): KernelDropWatch {
  let dropped: number | null = options.initial ?? null;
  let timer: unknown = null;
  let isDisposed = false;

  const poll = async (): Promise<void> => {
    timer = null;
    const count = await options.read().catch(() => null);
    if (isDisposed) return;
    // The socket's own count: it began at its bind.
    if (count !== null && count !== dropped) {
      dropped = count;
      options.onChange?.();
    }
    timer = options.timers.setTimer(() => void poll(), options.intervalMs);
  };
  void poll();

  return {
    get dropped() {
      return dropped;
    },
    dispose() {
      isDisposed = true;
      if (timer !== null) options.timers.clearTimer(timer);
      timer = null;
    },
  };
}
