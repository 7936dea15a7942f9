/** zod shapes of Meta's answers: whatever Meta sends is checked before the domain sees it. */
import * as z from '../../platform/contracts/zod';
import { idString } from '../../platform/adapters/graph/graph-pages';

export { idString };

/** `{"success": true}` — Meta has been seen sending the string "true" too. */
export const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });

/** Graph lists: the platform's (graph-pages.ts). */
export { listOf } from '../../platform/adapters/graph/graph-pages';

export const IdResponse = z.object({ id: idString });
