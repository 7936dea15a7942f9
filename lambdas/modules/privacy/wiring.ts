/**
 * The privacy module's wiring: from the platform's shared pieces it builds only the adapters each of its
 * functions uses. Meta's callbacks get the table, the bus and the Meta secret; the privacy API the table,
 * the bus and the export store (signed download links); the deletion worker the table, the bus, its
 * queue, the export store and the vault (an export opens the inbox's sealed text).
 */
import * as z from '../../platform/contracts/zod';
import { DynamoDataKeyStore, EnvelopeCipher } from '../inbox/contracts/store';
import { DynamoPostStore } from '../publishing/contracts/store';
import { DynamoIdempotencyStore } from '../../platform/adapters/table/idempotency-store';
import { API_PREFIX } from '../../platform/contracts/routes';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { lambdaS3Objects } from '../../platform/wiring/aws/json-clients';
import { tracedVault } from '../../platform/wiring/aws/kms-vault';
import { tracedMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import type { Traced } from '../../platform/wiring/aws/traced';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import {
  busConfig,
  publicUrlConfig,
  queueConfig,
  readEnv,
  tableConfig,
  tenantApiConfig,
  type Env,
} from '../../platform/wiring/env';
import type {
  BusConfig,
  PlatformClients,
  PublicUrlConfig,
  QueueConfig,
  Runtime,
  TableConfig,
  TenantApiConfig,
} from '../../platform/wiring/runtime';
import { tableAndBus, type TableAndBus } from '../../platform/wiring/table-and-bus';
import { DynamoConnectionStore } from '../connections/contracts/store';
import { DynamoDeletionRequests } from './adapters/dynamo-deletion-requests';
import { DynamoExportRepository } from './adapters/dynamo-export-repository';
import { DynamoPurgeStore } from './adapters/dynamo-purge-store';
import { S3ExportStore } from './adapters/s3-export-store';
import type { CallbackDeps, ExportDeps, ExportStore, PurgeDeps } from './ports';

/** Where tenant exports are written: S3 in AWS, the local runtime's S3 with `npm start`. */
type WithExports<R> = R & { clients: { exports: ExportStore } };

/** Meta's deauthorize and data deletion callbacks, and the public status page. */
export type MetaCallbacksRuntime = Runtime<
  TableConfig & BusConfig & PublicUrlConfig,
  'dynamo' | 'eventBridge' | 'secrets'
>;
/** The audit log, retention settings and exports. */
export type PrivacyApiRuntime = WithExports<
  Runtime<TableConfig & BusConfig & TenantApiConfig, 'dynamo' | 'eventBridge'>
>;
/** Purges and exports. */
export type DeletionWorkerRuntime = WithExports<
  Runtime<TableConfig & BusConfig & QueueConfig, 'dynamo' | 'eventBridge' | 'sqs' | 'vault'>
>;

export function callbackWiring(rt: MetaCallbacksRuntime): CallbackDeps {
  const p = tableAndBus(rt);
  return {
    ...p,
    secrets: rt.clients.secrets,
    connections: new DynamoConnectionStore(p.db, p.tableName),
    deletions: new DynamoDeletionRequests(p.db, p.tableName),
    statusBaseUrl: `${rt.config.publicBaseUrl.replace(/\/$/, '')}${API_PREFIX}/meta/data-deletion`,
  };
}

export function privacyApiWiring(rt: PrivacyApiRuntime): {
  exports: Omit<ExportDeps, 'cipher'>;
  audit: TableAndBus['audit'];
  settings: TableAndBus['settings'];
} {
  const p = tableAndBus(rt);
  return {
    exports: { ...p, exports: new DynamoExportRepository(p.db, p.tableName), store: rt.clients.exports },
    audit: p.audit,
    settings: p.settings,
  };
}

export function deletionWorkerWiring(rt: DeletionWorkerRuntime): { purge: PurgeDeps; exports: ExportDeps } {
  const p = tableAndBus(rt);
  const exports = new DynamoExportRepository(p.db, p.tableName);
  return {
    purge: {
      ...p,
      connections: new DynamoConnectionStore(p.db, p.tableName),
      deletions: new DynamoDeletionRequests(p.db, p.tableName),
      purge: new DynamoPurgeStore(p.db, p.tableName),
      posts: new DynamoPostStore(p.db, p.tableName),
      exports,
      exportStore: rt.clients.exports,
      idempotency: new DynamoIdempotencyStore(p.db, p.tableName),
    },
    exports: {
      ...p,
      exports,
      store: rt.clients.exports,
      cipher: new EnvelopeCipher({
        vault: rt.clients.vault,
        keys: new DynamoDataKeyStore(p.db, p.tableName),
        clock: p.clock,
      }),
    },
  };
}

/** The export store in Lambda: the bucket the stack names (EXPORT_BUCKET), its calls traced like the others. */
export const awsExportStore = (env: Env, trace: Traced): ExportStore =>
  new S3ExportStore(
    lambdaS3Objects(
      readEnv(env, { EXPORT_BUCKET: z.string().check(z.minLength(1)) }).EXPORT_BUCKET,
      env,
      trace.calls,
    ),
  );

/** A runtime whose clients include the export store (built with the same tracing as the others). */
function withExports<C, K extends keyof PlatformClients>(
  env: Env,
  config: (env: Env) => C,
  clients: (trace: Traced) => Pick<PlatformClients, K>,
): WithExports<Runtime<C, K>> {
  let exports: ExportStore | undefined;
  const rt = awsRuntimeOf(env, config, (trace) => {
    exports = awsExportStore(env, trace);
    return clients(trace);
  });
  return { ...rt, clients: { ...rt.clients, exports: exports! } };
}

export const awsMetaCallbacksRuntime = (env: Env = process.env): MetaCallbacksRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...publicUrlConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace, env),
      secrets: tracedMetaSecrets(env, trace),
    }),
  );

export const awsPrivacyApiRuntime = (env: Env = process.env): PrivacyApiRuntime =>
  withExports<TableConfig & BusConfig & TenantApiConfig, 'dynamo' | 'eventBridge'>(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace, env) }),
  );

export const awsDeletionWorkerRuntime = (env: Env = process.env): DeletionWorkerRuntime =>
  withExports<TableConfig & BusConfig & QueueConfig, 'dynamo' | 'eventBridge' | 'sqs' | 'vault'>(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...queueConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace, env),
      sqs: awsSqs(trace),
      vault: tracedVault(env, trace),
    }),
  );
