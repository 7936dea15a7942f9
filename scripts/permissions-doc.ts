/** `npm run docs:permissions`: writes docs/permissions.md from the scope registry. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { permissionDocument } from '../lambdas/core/scopes/permission-document';

const target = path.resolve(__dirname, '..', 'docs', 'permissions.md');
writeFileSync(target, permissionDocument());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
