/**
 * Lambda bundles: each handler bundled as the CDK stack bundles it (esbuild, minified, AWS SDK inside, the Lambda credentials in place of the SDK's default chain),
 * its size, and its cold import time in a fresh Node process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { bundlingAliases, LAMBDA_BUNDLING } from '../lib/constructs/lambda-bundling';
import { needsFor, type FunctionNeeds } from '../lib/function-needs';
import { HTTP_FUNCTIONS } from '../lambdas/app/route-table';
import { QUEUES, SCHEDULES } from '../lambdas/app/topology';
import { handlerEntry } from '../lambdas/platform/contracts/topology';
import { fmt, percentile } from './support';

const ROOT = path.resolve(__dirname, '..');

export function benchBundles(runs = 3) {
  // [name, entry, the function's needs, which decide its aliases as in the stack]
  const entries: Array<[string, string, FunctionNeeds]> = [
    ...Object.entries(HTTP_FUNCTIONS).map(
      ([name, f]) => [name, f.entry, needsFor('http', name)] as [string, string, FunctionNeeds],
    ),
    ...QUEUES.filter((q) => q.worker).map(
      (q) =>
        [`worker ${q.name}`, handlerEntry('queues', q.worker!), needsFor('queue', q.name)] as [
          string,
          string,
          FunctionNeeds,
        ],
    ),
    ...SCHEDULES.map(
      (s) =>
        [`schedule ${s.name}`, handlerEntry('schedule', s.job), needsFor('schedule', s.name)] as [
          string,
          string,
          FunctionNeeds,
        ],
    ),
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mbc-bundles-'));
  console.log('\n== Lambda bundles (esbuild, minified, AWS SDK bundled; cold import in a fresh node)');
  const rows: Array<{ name: string; kb: number; importMs: number }> = [];
  for (const [name, entry, needs] of entries) {
    const outfile = path.join(dir, `${name.replace(/\W+/g, '-')}.js`);
    buildSync({
      entryPoints: [path.join(ROOT, entry)],
      bundle: true,
      minify: LAMBDA_BUNDLING.minify,
      platform: 'node',
      target: LAMBDA_BUNDLING.target,
      format: 'cjs',
      outfile,
      logLevel: 'error',
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      alias: bundlingAliases(needs).alias,
    });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [
        '-e',
        `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});console.log(Number(process.hrtime.bigint()-t)/1e6)`,
      ]);
      times.push(Number(out.toString().trim()));
    }
    const row = { name, kb: statSync(outfile).size / 1024, importMs: percentile(times, 50) };
    rows.push(row);
    console.log(`${name.padEnd(28)} ${fmt(row.kb, 0).padStart(6)} KiB  import ${fmt(row.importMs)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
  printTargets(rows);
  return rows;
}

/** #15's targets: the webhook under 300 KB, every other function under 600 KB, cold import under 60 ms. */
function printTargets(rows: Array<{ name: string; kb: number; importMs: number }>) {
  const KB = 1000 / 1024;
  const webhook = rows.find((r) => r.name === 'meta-webhook');
  const others = rows.filter((r) => r !== webhook);
  const over = others.filter((r) => r.kb >= 600 * KB);
  const slow = rows.filter((r) => r.importMs >= 60);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  if (webhook)
    console.log(`target    webhook < 300 KB: ${met(webhook.kb < 300 * KB)} (${fmt(webhook.kb, 0)} KiB)`);
  console.log(
    `target    every other function < 600 KB: ${met(over.length === 0)}` +
      (over.length ? ` (over: ${over.map((r) => `${r.name} ${fmt(r.kb, 0)} KiB`).join(', ')})` : ''),
  );
  console.log(
    `target    cold import < 60 ms: ${met(slow.length === 0)}` +
      (slow.length
        ? ` (${slow.length} of ${rows.length} slower, slowest ${fmt(Math.max(...slow.map((r) => r.importMs)))} ms)`
        : ''),
  );
}
