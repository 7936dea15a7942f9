/**
 * The `Idempotency-Key` gate of a module's API: the creates its declaration lists, their answers kept in
 * the table under the tenant the JWT claim names. Every module's API builds it the same way from what it
 * already has (the table it reaches, its tenant claim), so it is built here.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoIdempotencyStore } from '../adapters/table/idempotency-store';
import type { ModuleHttp } from '../contracts/module';
import { idempotencyGate, type AnswerSealer, type IdempotencyGate } from '../handlers/idempotency';

export function moduleIdempotencyGate(
  module: { http?: Pick<ModuleHttp<string>, 'routes' | 'idempotentCreates'> },
  table: { db: DynamoDBDocumentClient; tableName: string },
  tenantClaim: string,
  /** for a module whose stored answers carry personal text (the inbox's replies) */
  sealer?: AnswerSealer,
): IdempotencyGate {
  return idempotencyGate(module.http?.routes ?? [], module.http?.idempotentCreates ?? {}, {
    store: new DynamoIdempotencyStore(table.db, table.tableName),
    tenantClaim,
    ...(sealer ? { sealer } : {}),
  });
}
