/**
 * The table as every function reaches it: the document client with DynamoDB's item-size refusal
 * turned into a 413 (item-size.ts), and the stores every module shares.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../adapters/table/audit-log';
import { guardItemSize } from '../adapters/table/item-size';
import { DynamoSettings } from '../adapters/table/settings';
import type { AuditLog, SettingsRepository } from '../core/ports';
import type { Runtime, TableConfig } from './runtime';

export function tableAccess(rt: Runtime<TableConfig, 'dynamo'>): {
  db: DynamoDBDocumentClient;
  tableName: string;
  audit: AuditLog;
  settings: SettingsRepository;
} {
  const db = guardItemSize(rt.clients.dynamo);
  const tableName = rt.config.tableName;
  return {
    db,
    tableName,
    audit: new DynamoAuditLog(db, tableName),
    settings: new DynamoSettings(db, tableName),
  };
}
