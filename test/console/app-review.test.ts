/**
 * docs/app-review.md gives Meta's reviewers, for every permission the app may request, the console steps
 * that show it in use. The scope registry decides what is requested, so the two must list the same
 * permissions, each with steps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCOPE_REGISTRY } from '../../lambdas/core/scopes/scope-registry';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/app-review.md'), 'utf8');

/** `### \`permission\`` → the text up to the next heading */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^### `([a-z_]+)`\s*$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!, parts[i + 1]!.split(/^#{1,3} /m)[0]!);
  return out;
}

it('has a section for every permission of the scope registry, and none for another', () => {
  const documented = [...sections(doc).keys()].sort();
  expect(documented).toEqual(SCOPE_REGISTRY.map((p) => p.permission).sort());
});

it('gives numbered console steps for each permission', () => {
  for (const [permission, text] of sections(doc)) {
    const steps = text.match(/^\d+\. /gm) ?? [];
    expect([permission, steps.length > 0]).toEqual([permission, true]);
    // each names the console page where it is seen
    expect([permission, /\*\*[A-Z][^*]+\*\*/.test(text)]).toEqual([permission, true]);
  }
});
