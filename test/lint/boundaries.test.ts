/**
 * The import boundaries (eslint.config.mjs) hold in CI too, which runs `npm test`, not `npm run lint`:
 * production code never imports the local runtime, `lib/` never imports a handler or a wiring, a module
 * reaches another only through its `contracts/`, and zod is imported as a namespace, in lambdas/ from
 * platform/contracts/zod.ts (docs/bundles.md says what the other forms cost every bundle). ESLint runs in
 * a process of its own, with the repo's config.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

interface Finding {
  file: string;
  line: number;
  message: string;
}

/** ESLint's import-boundary findings for `args` (files, or `--stdin` with `input`). */
function boundaryFindings(args: string[], input?: string): Finding[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [ESLINT, '--format', 'json', ...args], {
      cwd: ROOT,
      input,
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
  } catch (err) {
    // ESLint exits 1 when it found errors; its report is still on stdout
    out = String((err as { stdout?: Buffer }).stdout ?? '');
  }
  const results = JSON.parse(out) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string | null; line: number; message: string }>;
  }>;
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId !== null && RULES.has(m.ruleId))
      .map((m) => ({ file: path.relative(ROOT, r.filePath), line: m.line, message: m.message })),
  );
}

it('no file of lambdas/, lib/ or bin/ crosses a boundary', () => {
  expect(boundaryFindings(['lambdas', 'lib', 'bin'])).toEqual([]);
}, 60_000);

it.each([
  [
    'a module importing another module past its contracts',
    'lambdas/modules/ads/core/probe.ts',
    "import { ingestLeadgen } from '../../leads/core/ingest-leadgen';\nexport const x = ingestLeadgen;\n",
    /the ads module may import another module only through its contracts/,
  ],
  [
    'lib/ importing a handler',
    'lib/constructs/probe.ts',
    "import { handler } from '../../lambdas/modules/leads/handlers/lead-fetch';\nexport const x = handler;\n",
    /lib\/ reads data/,
  ],
  [
    'production code importing the local runtime',
    'lambdas/platform/core/probe.ts',
    "import { startLocalRuntime } from '../../../local/runtime';\nexport const x = startLocalRuntime;\n",
    /restricted|local runtime/,
  ],
  [
    "zod's named export instead of the namespace",
    'lambdas/platform/core/probe.ts',
    "import { z } from '../contracts/zod';\nexport const x = z.string();\n",
    /Import zod as a namespace/,
  ],
  [
    'Lambda code importing zod itself (classic zod, or mini without its messages)',
    'lambdas/platform/core/probe.ts',
    "import * as z from 'zod';\nexport const x = z.string();\n",
    /imports zod from lambdas\/platform\/contracts\/zod\.ts/,
  ],
  [
    "a value from zod's nested namespaces",
    'lambdas/platform/core/probe.ts',
    "import * as z from '../contracts/zod';\nexport const isZod = (e: unknown) => e instanceof z.core.$ZodError;\n",
    /nested namespaces/,
  ],
])(
  'refuses %s',
  (_what, file, code, reason) => {
    const findings = boundaryFindings(['--stdin', '--stdin-filename', file], code);
    expect(findings).toEqual([expect.objectContaining({ file, message: expect.stringMatching(reason) })]);
  },
  60_000,
);

it('lets a module import another through its contracts', () => {
  const code = "import { IngestEvent } from '../../webhooks/contracts';\nexport const x = IngestEvent;\n";
  expect(
    boundaryFindings(['--stdin', '--stdin-filename', 'lambdas/modules/leads/core/probe.ts'], code),
  ).toEqual([]);
}, 60_000);
