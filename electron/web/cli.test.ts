/**
 * `npm run serve` and `npm start` as a person runs them: real processes, real ports, the built
 * renderer (out/renderer), and what they print.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const isBuilt = existsSync(join(root, 'out/renderer/index.html'));
if (!isBuilt) {
  const text = '[web] out/renderer is not built: run "npm run build" first (npm run check does).';
  if (process.env.CI === 'true') throw new Error(text);
  console.warn(`\n!!! SKIPPING the serve/start CLI tests. ${text}\n`);
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/web', script), ...args],
    {
      cwd: root,
      env: { ...process.env, ...env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    },
  );
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> => {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 20))) {
      const m = out.match(pattern);
      if (m) return m;
      if (Date.now() > end || child.exitCode !== null)
        throw new Error(`no ${pattern} in:\n${out}\n${err}`);
    }
  };
  return { child, out: () => out, err: () => err, exited, waitFor };
}

describe.skipIf(!isBuilt)('npm run serve', () => {
  it('serves on 127.0.0.1 without a token, prints the URL, and stops cleanly on SIGTERM', async () => {
    const p = run('serve.ts', ['--port', '0']);
    const [, url] = await p.waitFor(
      /\[web\] Syncroscope is running at (http:\/\/127\.0\.0\.1:\d+\/)\n/,
    );
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await res.text()).toContain('<div id="root">');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('on 0.0.0.0 requires the random token it prints', async () => {
    const p = run('serve.ts', ['--host', '0.0.0.0', '--port', '0']);
    const [, url, token] = await p.waitFor(
      /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]{43}))\n/,
    );
    expect(p.out()).toMatch(/anyone with this token can control the engine/);
    const bare = url!.replace(/\?token=.*/, '');
    expect((await fetch(bare)).status).toBe(403);
    expect((await fetch(`${bare}?token=${token!.slice(1)}x`)).status).toBe(403);
    expect((await fetch(url!)).status).toBe(200);
  });

  it('says in one line that the port is in use, and exits with an error', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const p = run('serve.ts', ['--port', String(port)]);
      expect(await p.exited).toBe(1);
      expect(p.err().trim()).toBe(
        `[web] Port ${port} is already in use on 127.0.0.1 (another Syncroscope or web server?). Stop it, or choose another port with --port, e.g. --port ${port + 1}.`,
      );
    } finally {
      busy.close();
    }
  });
});

describe.skipIf(!isBuilt)('npm start without the Electron runtime', () => {
  it('says so in one line and starts the web host instead', async () => {
    const p = run('start.ts', ['--port', '0', '--no-open'], {
      ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent',
    });
    const [, url] = await p.waitFor(
      /\[web\] Syncroscope is running at (http:\/\/127\.0\.0\.1:\d+\/)\n/,
    );
    const startLines = p
      .out()
      .split('\n')
      .filter((l) => l.startsWith('[start]'));
    expect(startLines).toEqual([
      '[start] No Electron runtime here (ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (/nonexistent/electron)); starting the web host instead.',
    ]);
    expect(p.err()).toBe('');
    expect((await fetch(url!)).status).toBe(200);
    await p.waitFor(/\[web\] Open http:\/\/127\.0\.0\.1:\d+\/ in a browser\./);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
