import { invalid } from '../../core/errors';

/** Opaque page cursors: DynamoDB's LastEvaluatedKey, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined, expectedPk: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // a cursor is only valid inside the partition it came from: no hopping into another tenant
    if (typeof key !== 'object' || key === null || key.pk !== expectedPk || typeof key.sk !== 'string') throw new Error();
    return key;
  } catch {
    throw invalid('cursor is not valid', [{ field: 'query.cursor', message: 'not a cursor this API issued' }], 'invalid_cursor');
  }
}
