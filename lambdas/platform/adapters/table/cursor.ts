import { invalid } from '../../core/errors';

/** Opaque page cursors: DynamoDB's LastEvaluatedKey, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * A cursor is only valid inside the partition it came from (`expected` holds its partition key), so a
 * crafted cursor cannot hop into another tenant's items.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: Record<string, string>,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const ok =
    typeof key === 'object' &&
    key !== null &&
    Object.entries(expected).every(([k, v]) => (key as Record<string, unknown>)[k] === v);
  if (!ok)
    throw invalid(
      'cursor is not valid',
      [{ field: 'query.cursor', message: 'not a cursor this API issued' }],
      'invalid_cursor',
    );
  return key as Record<string, unknown>;
}
