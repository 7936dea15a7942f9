/**
 * One example per request body, shown in the OpenAPI document. A test parses each with the operation's
 * own zod schema, so an example that the API would refuse fails the build instead of misleading a reader.
 * A module declares its own (module.ts `http.examples`).
 */
import { MODULES } from '../modules';

const moduleExamples = (): Record<string, unknown> =>
  Object.assign({}, ...MODULES.map((m) => m.http?.examples ?? {}));

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  startMetaConnection: { features: ['leads', 'inbox'], returnUrl: 'https://crm.example/meta/connected' },
  putConnectionSelection: { pages: ['104729384756123'], leadForms: ['771234567890123'] },
  ...moduleExamples(),
  metaDeauthorize: { signed_request: 'c2lnbmF0dXJl.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiJ9' },
  metaDataDeletion: { signed_request: 'c2lnbmF0dXJl.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiJ9' },
  putRetention: { messagesDays: 30, leadsDays: 395, keepLeadsAfterDisconnect: true },
};
