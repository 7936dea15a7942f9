/**
 * A worker whose queue carries more than one kind of message (its bus rule routes several detail-types to
 * it): each kind's handler gets the detail parsed with that kind's own schema, and any other detail-type
 * goes to `otherwise`, the queue's main traffic. A detail its schema refuses fails the message, and the
 * queue's retry policy decides what happens to it (sqs-handler.ts).
 */
import type { Context } from 'aws-lambda';
import type * as z from '../contracts/zod';
import type { RecordHandler } from './sqs-handler';

export interface DetailHandler {
  detailType: string;
  handle: (detail: unknown, context?: Context) => Promise<void>;
}

/** The handler of one kind: a command contract, or any detail-type with its schema. */
export function onDetail<S extends z.ZodMiniType>(
  kind: { detailType: string; schema: S },
  handle: (detail: z.output<S>, context?: Context) => Promise<void>,
): DetailHandler {
  return {
    detailType: kind.detailType,
    handle: (detail, context) => handle(kind.schema.parse(detail), context),
  };
}

export function byDetailType(kinds: readonly DetailHandler[], otherwise: RecordHandler): RecordHandler {
  const handlers = new Map(kinds.map((k) => [k.detailType, k.handle]));
  return async (envelope, record, context) => {
    const handle = handlers.get(envelope['detail-type']);
    return handle ? handle(envelope.detail, context) : otherwise(envelope, record, context);
  };
}
