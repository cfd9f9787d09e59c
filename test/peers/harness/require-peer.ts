/**
 * Peer tests need real programs (Pd, liblo, scsynth, tshark). Where one is missing, a developer's
 * run skips the suite with a loud warning; a CI run (`CI=true`) fails it, naming the apt package,
 * so a broken CI image can never pass by skipping.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** Something a peer test needs on this machine, and the apt package that provides it. */
export interface PeerRequirement {
  /** What is needed, as a person would look for it (`pd`, `python3-liblo for /usr/bin/python3`). */
  what: string;
  aptPackage: string;
  isPresent(): boolean;
}

/** An executable found on PATH (or at an absolute path). */
export function executable(name: string, aptPackage: string): PeerRequirement {
  return { what: name, aptPackage, isPresent: memo(() => findExecutable(name) !== null) };
}

/** A file installed by a package, e.g. a Pd external. */
export function installedFile(path: string, aptPackage: string): PeerRequirement {
  return { what: path, aptPackage, isPresent: memo(() => isFile(path)) };
}

/** A Python module importable by Debian's `/usr/bin/python3` (python3-liblo is not in pyenv). */
export function debianPythonModule(module: string, aptPackage: string): PeerRequirement {
  return {
    what: `python module '${module}' for /usr/bin/python3`,
    aptPackage,
    isPresent: memo(() => {
      const run = spawnSync('/usr/bin/python3', ['-c', `import ${module}`], {
        stdio: 'ignore',
        timeout: 10_000,
      });
      return run.status === 0;
    }),
  };
}

/** The requirements that are not met on this machine. */
export function missingPeers(requirements: readonly PeerRequirement[]): PeerRequirement[] {
  return requirements.filter((r) => !r.isPresent());
}

/**
 * `describe` that runs only when every requirement is met: otherwise skipped with a console
 * warning, or, under `CI=true`, replaced by one failing test that names the apt packages.
 */
export function describeWithPeers(
  title: string,
  requirements: readonly PeerRequirement[],
  body: () => void,
): void {
  const missing = missingPeers(requirements);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const list = missing.map((r) => `${r.what} (apt package ${r.aptPackage})`).join(', ');
  const install = `apt-get install ${[...new Set(missing.map((r) => r.aptPackage))].join(' ')}`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has its real peers installed', () => {
        throw new Error(`[peers] MISSING on this CI machine: ${list}. Install with: ${install}`);
      });
    });
    return;
  }
  console.warn(
    `\n[peers] !!! SKIPPING "${title}": missing ${list}.\n[peers] !!! Install with: ${install} (CI=true turns this into a failure)\n`,
  );
  describe.skip(title, body);
}

function findExecutable(name: string): string | null {
  if (name.includes('/')) return isExecutableFile(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function memo(check: () => boolean): () => boolean {
  let result: boolean | undefined;
  return () => (result ??= check());
}
