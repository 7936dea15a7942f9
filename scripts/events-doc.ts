/** `npm run docs:events`: writes docs/events.md and docs/events/<detail-type>.json from the event contracts. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAIN_EVENT_TYPES } from '../lambdas/core/events/event-contracts';
import { eventCatalogue, eventJsonSchema, eventSchemaFile } from '../lambdas/core/events/event-catalogue';

const docs = path.resolve(__dirname, '..', 'docs');
mkdirSync(path.join(docs, 'events'), { recursive: true });
// a renamed or removed event must not leave its old schema behind
for (const f of readdirSync(path.join(docs, 'events'))) rmSync(path.join(docs, 'events', f));
writeFileSync(path.join(docs, 'events.md'), eventCatalogue());
for (const type of DOMAIN_EVENT_TYPES) {
  writeFileSync(
    path.join(docs, eventSchemaFile(type)),
    `${JSON.stringify(eventJsonSchema(type), null, 2)}\n`,
  );
}
console.log(`wrote docs/events.md and ${DOMAIN_EVENT_TYPES.length} schemas in docs/events/`);
