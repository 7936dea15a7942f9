/**
 * One example per request body, shown in the OpenAPI document. A test parses each with the operation's
 * own zod schema, so an example that the API would refuse fails the build instead of misleading a reader.
 * A module declares its own (module.ts `http.examples`).
 */
import { MODULES } from '../modules';

const moduleExamples = (): Record<string, unknown> =>
  Object.assign({}, ...MODULES.map((m) => m.http?.examples ?? {}));

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  ...moduleExamples(),
};
