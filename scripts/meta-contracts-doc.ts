/** `npm run docs:meta-contracts`: writes docs/meta-contracts.md from the Meta contract reference. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { contractsDocument } from '../local/meta-simulator/contracts/contracts-doc';

const target = path.resolve(__dirname, '..', 'docs', 'meta-contracts.md');
writeFileSync(target, contractsDocument());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
