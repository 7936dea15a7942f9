import { readFileSync } from 'node:fs';
import path from 'node:path';
import { permissionDocument } from '../../../lambdas/core/scopes/permission-document';
import { SCOPE_REGISTRY } from '../../../lambdas/core/scopes/scope-registry';

describe('permission document', () => {
  it('lists every permission of the registry with its reason and retention', () => {
    const doc = permissionDocument();
    for (const e of SCOPE_REGISTRY) expect(doc).toContain(`| \`${e.permission}\` |`);
    expect(doc).toContain('90 days by default; the business can set 7 to 90.');
  });

  it('the committed docs/permissions.md is what the registry generates (run npm run docs:permissions)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../docs/permissions.md'), 'utf8');
    expect(committed).toBe(permissionDocument());
  });
});
