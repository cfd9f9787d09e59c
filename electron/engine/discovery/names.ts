/**
 * Instance names: "Syncroscope on HOST (PORT)", unique within this process (a second one taken
 * at once gets " #2"), and the set of names this process advertises, so browsing can tell its
 * own service from the others'. mDNS names are DNS labels: at most 63 bytes and, for the library
 * we use, no dots (it would cut the name at the first one).
 */
import { hostname as osHostname } from 'node:os';

const inUse = new Set<string>();

/** This computer's name as one DNS label ("studio" for "studio.example.org"). */
export function hostLabel(hostname: string = osHostname()): string {
  const label = (hostname.split('.')[0] ?? '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return label || 'computer';
}

/** The default instance name for a receiver on `port`. */
export function defaultInstanceName(port: number, hostname?: string): string {
  return `Syncroscope on ${hostLabel(hostname)} (${port})`;
}

/** Makes `name` a valid label and reserves it for this process; free it with {@link releaseName}. */
export function reserveName(name: string): string {
  const base = name.replace(/\./g, '-').trim().slice(0, 56) || 'Syncroscope';
  let candidate = base;
  for (let n = 2; inUse.has(candidate.toLowerCase()); n++) candidate = `${base} #${n}`;
  inUse.add(candidate.toLowerCase());
  return candidate;
}

/** Frees a name reserved by {@link reserveName}. */
export function releaseName(name: string): void {
  inUse.delete(name.toLowerCase());
}

/** Whether this process advertises `name` right now. */
export function isOwnName(name: string): boolean {
  return inUse.has(name.toLowerCase());
}
