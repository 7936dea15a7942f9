/**
 * The repository's documents stand on their own: nothing refers to a file outside it, every relative link
 * in a markdown file reaches a file in it, and the generated architecture notes match the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { architectureDocument } from '../../scripts/architecture-document';

const ROOT = path.resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', '.git', 'cdk.out', '.local', 'coverage', '.bench']);

function files(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : [full];
  });
}

const text = files().filter(
  (f) => /\.(ts|mjs|js|json|md|yml|yaml)$/.test(f) && !f.endsWith('package-lock.json'),
);

it('no file refers to a document outside the repository', () => {
  // assembled here so this file does not match itself
  const outside = new RegExp(
    ['DESIGN', '(\\.md|\\s§)|meta-platform', '\\.md|\\.\\./shared/|/work/', 'shared'].join(''),
  );
  const offenders = text.filter((f) => outside.test(fs.readFileSync(f, 'utf8')));
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});

it('every relative link in a markdown file reaches a file of the repository', () => {
  const broken: string[] = [];
  for (const f of text.filter((x) => x.endsWith('.md'))) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const resolved = path.resolve(path.dirname(f), target.split('#')[0]!);
      if (!resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved))
        broken.push(`${path.relative(ROOT, f)} → ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

it('docs/architecture.md is what the route table, topology and IAM needs generate (npm run docs:architecture)', () => {
  expect(fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8')).toBe(architectureDocument());
});
