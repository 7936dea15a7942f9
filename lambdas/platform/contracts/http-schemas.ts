import * as z from 'zod';

export const PagingQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    reason: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), reason: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'Problem' });

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The schemas of one operation: the handler parses with them and the OpenAPI document is made of them. */
export interface OperationSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** status → schema of the answer (`null` = no body, a string = a non-JSON media type) */
  responses: Record<number, z.ZodType | null | { mediaType: string; description: string }>;
}
