import * as z from './zod';

export const PagingQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    reason: z.string(),
    errors: z.optional(
      z.array(z.object({ field: z.string(), message: z.string(), reason: z.optional(z.string()) })),
    ),
  })
  .register(z.globalRegistry, { id: 'Problem' });

export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** The schemas of one operation: the handler parses with them and the OpenAPI document is made of them. */
export interface OperationSchemas {
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** status → schema of the answer (`null` = no body, a string = a non-JSON media type) */
  responses: Record<number, z.ZodMiniType | null | { mediaType: string; description: string }>;
}
