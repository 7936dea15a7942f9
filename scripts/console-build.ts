/**
 * Builds the operator console (`console/`, Vite) when its sources changed since the last build. `npm start`
 * and the browser tests call `ensureConsoleBuilt()`; the CDK asset bundling calls `buildConsoleSync(outDir)`;
 * `npm run console:build` forces a build. Freshness is a hash of the console's sources and the lockfile,
 * stamped next to the build, so an unchanged console is never rebuilt.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_DIR = path.join(__dirname, '..');
export const CONSOLE_DIR = path.join(REPO_DIR, 'console');
export const CONSOLE_DIST = path.join(CONSOLE_DIR, 'dist');
const STAMP = '.build-hash';
const LOCK = path.join(CONSOLE_DIR, '.build-lock');
/** a lock older than this was left by a build that died */
const STALE_LOCK_MS = 5 * 60_000;
const IGNORED = new Set(['dist', 'node_modules', '.build-lock']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else out.push(full);
  }
  return out;
}

export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  const files = [...sourceFiles(CONSOLE_DIR), path.join(REPO_DIR, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(REPO_DIR, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function consoleBuildIsFresh(): boolean {
  try {
    const stamp = fs.readFileSync(path.join(CONSOLE_DIST, STAMP), 'utf8').trim();
    return stamp === consoleSourceHash() && fs.existsSync(path.join(CONSOLE_DIST, 'index.html'));
  } catch {
    return false;
  }
}

function viteBin(): string {
  return path.join(
    path.dirname(require.resolve('vite/package.json', { paths: [CONSOLE_DIR] })),
    'bin/vite.js',
  );
}

/** A production build into `outDir` (default `console/dist`, which is then stamped fresh). */
export function buildConsoleSync(outDir: string = CONSOLE_DIST): void {
  const hash = consoleSourceHash();
  const run = spawnSync(
    process.execPath,
    [viteBin(), 'build', CONSOLE_DIR, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: CONSOLE_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (run.status !== 0) throw new Error(`the console build failed (vite exited ${run.status ?? run.signal})`);
  if (path.resolve(outDir) === CONSOLE_DIST) fs.writeFileSync(path.join(CONSOLE_DIST, STAMP), `${hash}\n`);
}

/**
 * Builds the console unless the build is fresh. Concurrent callers (two test workers, a test and
 * `npm start`) take turns through a lock directory; whoever waited finds the build fresh.
 */
export async function ensureConsoleBuilt(): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  for (;;) {
    if (consoleBuildIsFresh()) return { built: false, ms: Date.now() - started };
    if (takeLock()) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    if (!consoleBuildIsFresh()) buildConsoleSync();
    return { built: true, ms: Date.now() - started };
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function takeLock(): boolean {
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // removed by its owner meanwhile
    }
    return false;
  }
}

if (require.main === module) {
  const started = Date.now();
  buildConsoleSync();
  console.log(
    `console built into ${path.relative(process.cwd(), CONSOLE_DIST)} in ${Date.now() - started} ms`,
  );
}
