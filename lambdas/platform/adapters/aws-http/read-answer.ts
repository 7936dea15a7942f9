import * as z from '../../contracts/zod';

/** An answer that does not have the documented shape fails the call, naming the operation. */
export function readAnswer<S extends z.ZodMiniType>(
  schema: S,
  answer: unknown,
  operation: string,
): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success)
    throw new Error(
      `${operation} answered in a shape it does not document: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
