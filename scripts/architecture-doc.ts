/** `npm run docs:architecture`: writes docs/architecture.md from the route table, topology and IAM needs. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { architectureDocument } from './architecture-document';

const target = path.resolve(__dirname, '..', 'docs', 'architecture.md');
writeFileSync(target, architectureDocument());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
