/**
 * DynamoDB refuses an item over 400 KB with a ValidationException
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items).
 * Request schemas cap every field so that a valid body fits, but a write can still add up past the
 * limit; it then becomes a typed error the HTTP edge answers with 413, never an unexplained 500.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../core/errors';

export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

const ITEM_TOO_LARGE = /Item size (to update )?has exceeded the maximum allowed size/;

export class ItemTooLargeError extends DomainError {
  constructor() {
    super(
      'too_large',
      'What you sent makes a record larger than the store keeps (400 KB); send less',
      'item_too_large',
    );
    this.name = 'ItemTooLargeError';
  }
}

export const isItemTooLarge = (err: unknown): boolean =>
  err instanceof Error && err.name === 'ValidationException' && ITEM_TOO_LARGE.test(err.message);

/** Turns DynamoDB's item-size refusal into {@link ItemTooLargeError} for every command of the client. */
export function guardItemSize(db: DynamoDBDocumentClient): DynamoDBDocumentClient {
  db.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (isItemTooLarge(err)) throw new ItemTooLargeError();
        throw err;
      }
    },
    { step: 'initialize', name: 'itemTooLargeAsDomainError', override: true },
  );
  return db;
}
