/**
 * The privacy module as the registries see it (lambdas/app/modules.ts): Meta's privacy callbacks and the
 * privacy API with their routes, and the deletion worker's queue and what feeds it. Handler modules are
 * named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import { AssetPurgeRequested, ExportRequested, PurgeRequested } from './contracts/commands';
import { PRIVACY_OPERATIONS, PRIVACY_REQUEST_EXAMPLES, PRIVACY_SCHEMA_NAMES } from './contracts/http';

/** The deletion worker's queue: purges (one connection, or revoked assets) and exports. */
export const DELETION_QUEUE = {
  name: 'deletion',
  worker: 'lambdas/modules/privacy/handlers/deletion-worker.ts',
  batchSize: 1,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 300,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const PRIVACY_MODULE = defineModule({
  name: 'privacy',
  http: {
    functions: {
      'meta-callbacks': {
        entry: 'lambdas/modules/privacy/handlers/meta-callbacks.ts',
        description: 'Meta privacy callbacks: deauthorize, data deletion and its status page',
      },
      privacy: {
        entry: 'lambdas/modules/privacy/handlers/privacy-api.ts',
        description: 'Tenant API: audit log, retention settings and exports',
      },
    },
    routes: [
      {
        method: 'POST',
        path: `${API_PREFIX}/meta/deauthorize`,
        fn: 'meta-callbacks',
        auth: 'none',
        operationId: 'metaDeauthorize',
        summary: 'Meta: a person removed the app (signed_request)',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/meta/data-deletion`,
        fn: 'meta-callbacks',
        auth: 'none',
        operationId: 'metaDataDeletion',
        summary: 'Meta: a person asked for their data to be deleted (signed_request)',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/meta/data-deletion/{code}`,
        fn: 'meta-callbacks',
        auth: 'none',
        operationId: 'metaDataDeletionStatus',
        summary: 'Public status of a data deletion request (JSON, or HTML for browsers)',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/audit`,
        fn: 'privacy',
        auth: 'jwt',
        operationId: 'listAudit',
        summary: 'Audit log, newest first',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/exports`,
        fn: 'privacy',
        auth: 'jwt',
        operationId: 'postExport',
        summary: "Export the tenant's Meta-derived data as JSON Lines",
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/exports/{id}`,
        fn: 'privacy',
        auth: 'jwt',
        operationId: 'getExport',
        summary: 'Status of an export and a time-limited download link',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/settings/retention`,
        fn: 'privacy',
        auth: 'jwt',
        operationId: 'getRetention',
        summary: 'Retention settings',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/settings/retention`,
        fn: 'privacy',
        auth: 'jwt',
        operationId: 'putRetention',
        summary: 'Change retention settings (applies to items stored afterwards; audited)',
      },
    ],
    idempotentCreates: { postExport: { sealAnswer: false } },
    operations: PRIVACY_OPERATIONS,
    schemaNames: PRIVACY_SCHEMA_NAMES,
    examples: PRIVACY_REQUEST_EXAMPLES,
    tag: 'Privacy',
  },
  queues: [DELETION_QUEUE],
  busRules: [
    {
      name: 'privacy-to-deletion',
      source: INGEST_SOURCE,
      detailTypes: [PurgeRequested.detailType, AssetPurgeRequested.detailType, ExportRequested.detailType],
      queue: DELETION_QUEUE.name,
    },
  ],
});
