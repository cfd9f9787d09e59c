/**
 * `npm run security`: Electronegativity over the Electron-facing sources (electron/main,
 * electron/preload, and the page's index.html for its CSP), told our Electron version, offline.
 * Fails on any finding above LOW that is not justified (see security-findings.ts), on a file the
 * tool could not parse, and on the tool's own inline `eng-disable` (it would hide a finding with no
 * reason given). The built out/ is the same code bundled, so it is not scanned a second time.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptedSchema,
  judge,
  parseReport,
  type Accepted,
  type Finding,
  type Verdict,
} from './security-findings';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['electron/main', 'electron/preload'];
const PAGES = ['renderer/index.html'];
const ACCEPTED_FILE = 'security/electronegativity-accepted.json';
/** Its only network use: the list of Electron releases, to flag an outdated one (npm audit's job). */
const OFFLINE_EXCLUDES = ['AvailableSecurityFixesGlobalCheck'];
const log = (line: string) => console.log(`[security] ${line}`);

function main(): number {
  const stage = mkdtempSync(join(tmpdir(), 'syncroscope-security-'));
  try {
    const files = stageSources(stage);
    const inline = files.filter((f) => /eng-disable/.test(readFileSync(join(stage, f), 'utf8')));
    if (inline.length > 0) {
      log(`FAIL: "eng-disable" in ${inline.join(', ')}: justify with a comment instead,`);
      log('  // electronegativity-accept CHECK_ID: why this is safe here');
      return 1;
    }
    const electron = electronVersion();
    const { version, findings } = runTool(stage, electron);
    const accepted = readAccepted();
    const sources = new Map(files.map((f) => [f, readFileSync(join(stage, f), 'utf8')]));
    const verdict = judge(findings, accepted, sources);
    report(verdict, { version, electron, files: files.length, total: findings.length });
    return verdict.failing.length + verdict.stale.length > 0 ? 1 : 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Copies what ships from the scanned folders (no tests, no test fakes) keeping their paths. */
function stageSources(stage: string): string[] {
  const picked: string[] = [...PAGES];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(path);
      } else if (/\.test(-util)?\./.test(entry.name)) {
        continue;
      } else if (/\.(ts|tsx|js)$/.test(entry.name)) {
        picked.push(path);
      } else if (/\.(mts|cts|mjs|cjs)$/.test(entry.name)) {
        // The tool skips these extensions without a word: a file it never reads must not pass.
        throw new Error(`${path}: Electronegativity cannot read .mjs/.cjs/.mts/.cts sources`);
      }
    }
  };
  SOURCE_DIRS.forEach(walk);
  for (const file of picked) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  return picked;
}

/** The Electron we build with: package.json pins it exactly. */
function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const pinned = pkg.devDependencies?.electron ?? '';
  if (!/^\d+\.\d+\.\d+$/.test(pinned)) {
    throw new Error(`package.json must pin electron to an exact version (found "${pinned}")`);
  }
  return pinned;
}

function runTool(stage: string, electron: string): { version: string; findings: Finding[] } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@doyensec/electronegativity/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string; bin: unknown };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin as object)[0];
  const csv = join(stage, 'electronegativity.csv');
  const args = ['-i', stage, '-e', electron, '-r', '-o', csv, '-x', OFFLINE_EXCLUDES.join(',')];
  const run = spawnSync(process.execPath, [join(dirname(pkgFile), String(bin)), ...args], {
    cwd: stage,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
  });
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  if (run.status !== 0 || !existsSync(csv)) {
    throw new Error(`Electronegativity did not finish (exit ${run.status}):\n${output}`);
  }
  const unparsed = output.split('\n').filter((l) => /error parsing/i.test(l));
  if (unparsed.length > 0) {
    throw new Error(`Electronegativity could not read every file:\n${unparsed.join('\n')}`);
  }
  return { version: pkg.version, findings: parseReport(readFileSync(csv, 'utf8')) };
}

function readAccepted(): Accepted[] {
  const path = join(root, ACCEPTED_FILE);
  if (!existsSync(path)) return [];
  const parsed = acceptedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${ACCEPTED_FILE}: ${parsed.error.message}`);
  return parsed.data;
}

function report(
  verdict: Verdict,
  run: { version: string; electron: string; files: number; total: number },
): void {
  const where = (f: Finding) => (f.line > 0 ? `${f.file}:${f.line}` : f.file);
  const row = (mark: string, f: Finding, note: string) =>
    log(`${mark.padEnd(9)} ${f.severity.padEnd(6)} ${f.id} ${where(f)}: ${note}`);
  log(
    `Electronegativity ${run.version} on ${[...SOURCE_DIRS, ...PAGES].join(', ')} ` +
      `(${run.files} files, Electron ${run.electron}): ${run.total} finding(s)`,
  );
  for (const f of verdict.minor) row('low', f, f.description);
  for (const { finding, reason } of verdict.justified) row('justified', finding, reason);
  for (const f of verdict.failing) row('FAIL', f, `${f.description} (${f.url})`);
  for (const a of verdict.stale) {
    const how =
      a.line === undefined ? `accepted in ${ACCEPTED_FILE}` : `justified at line ${a.line}`;
    log(`FAIL      ${a.id} ${a.file}: ${how}, but no such finding any more; remove it`);
  }
  if (verdict.failing.length > 0) {
    log('Fix each FAIL, or justify it: an entry in security/electronegativity-accepted.json');
    log('({ "id", "file", "reason" }) or a comment on or just above the flagged line:');
    log('  // electronegativity-accept CHECK_ID: why this is safe here');
  }
  const failed = verdict.failing.length + verdict.stale.length;
  log(failed === 0 ? 'passed: nothing above LOW left unjustified' : `FAILED: ${failed} problem(s)`);
}

try {
  process.exitCode = main();
} catch (error) {
  log(`FAIL: ${(error as Error).message}`);
  process.exitCode = 1;
}
