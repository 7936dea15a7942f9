/**
 * The `Idempotency-Key` gate of a module's API: the creates its declaration lists, their answers kept in
 * the function's table under the tenant its JWT claim names. Every module's API builds it the same way
 * from its runtime, so it is built here.
 */
import { DynamoIdempotencyStore } from '../adapters/table/idempotency-store';
import type { ModuleHttp } from '../contracts/module';
import { idempotencyGate, type AnswerSealer, type IdempotencyGate } from '../handlers/idempotency';
import type { Runtime, TableConfig, TenantApiConfig } from './runtime';
import { tableAccess } from './table';

export function moduleIdempotencyGate(
  module: { http?: Pick<ModuleHttp<string>, 'routes' | 'idempotentCreates'> },
  rt: Runtime<TableConfig & TenantApiConfig, 'dynamo'>,
  /** for a module whose stored answers carry personal text (the inbox's replies) */
  sealer?: AnswerSealer,
): IdempotencyGate {
  const { db, tableName } = tableAccess(rt);
  return idempotencyGate(module.http?.routes ?? [], module.http?.idempotentCreates ?? {}, {
    store: new DynamoIdempotencyStore(db, tableName),
    tenantClaim: rt.config.tenantClaim,
    ...(sealer ? { sealer } : {}),
  });
}
