/**
 * The connections module as the registries see it (lambdas/app/modules.ts): the connections API and the
 * OAuth callback with their routes, the settings API, and the daily token watch and subscription check.
 * Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import {
  CONNECTION_OPERATIONS,
  CONNECTION_REQUEST_EXAMPLES,
  CONNECTION_SCHEMA_NAMES,
} from './contracts/http';

export const CONNECTIONS_MODULE = defineModule({
  name: 'connections',
  http: {
    functions: {
      'oauth-callback': {
        entry: 'lambdas/modules/connections/handlers/oauth-callback.ts',
        description: 'Meta OAuth redirect: code → tokens → connection',
      },
      connections: {
        entry: 'lambdas/modules/connections/handlers/connections-api.ts',
        description: 'Tenant API: connect, list, assets, selection',
      },
      settings: {
        entry: 'lambdas/modules/connections/handlers/settings.ts',
        description: 'Tenant API: settings (post approval rules)',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/meta/oauth/callback`,
        fn: 'oauth-callback',
        auth: 'none',
        operationId: 'metaOAuthCallback',
        summary: 'Meta redirects here after the login dialog',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/connections/meta`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'startMetaConnection',
        summary: 'Start connecting a Meta account: returns the authorization URL',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/connections`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'listConnections',
        summary: 'List Meta connections',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/connections/{id}`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'getConnection',
        summary: 'One Meta connection',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/connections/{id}/assets`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'listConnectionAssets',
        summary: 'Businesses, Pages, Instagram accounts, ad accounts, lead forms and WhatsApp numbers',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/connections/{id}/selection`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'putConnectionSelection',
        summary: 'Select the assets the service may act on; subscribes selected Pages to webhooks',
      },
      {
        method: 'DELETE',
        path: `${API_PREFIX}/connections/{id}`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'deleteConnection',
        summary: 'Disconnect: revoke at Meta, purge tokens now and the data by the deletion worker',
      },
      {
        method: 'DELETE',
        path: `${API_PREFIX}/connections/{id}/assets/{assetId}`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'revokeConnectionAsset',
        summary: 'Revoke one asset: stop acting on it at once (its Page token too) and purge its data',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/settings/approval-rules`,
        fn: 'settings',
        auth: 'jwt',
        operationId: 'getApprovalRules',
        summary: 'Rules that approve posts without a person',
      },
      {
        method: 'PUT',
        path: `${API_PREFIX}/settings/approval-rules`,
        fn: 'settings',
        auth: 'jwt',
        operationId: 'putApprovalRules',
        summary: 'Set the approval rules',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/permissions`,
        fn: 'connections',
        auth: 'jwt',
        operationId: 'listPermissions',
        summary:
          'Every Meta permission the service may request: the features that need it and what it is used for',
      },
    ],
    idempotentCreates: { startMetaConnection: { sealAnswer: false } },
    operations: CONNECTION_OPERATIONS,
    schemaNames: CONNECTION_SCHEMA_NAMES,
    examples: CONNECTION_REQUEST_EXAMPLES,
    tag: 'Connections',
  },
  schedules: [
    {
      name: 'subscription-check',
      rate: 'rate(1 day)',
      job: 'lambdas/modules/connections/handlers/subscription-check.ts',
    },
    { name: 'token-watch', rate: 'rate(1 day)', job: 'lambdas/modules/connections/handlers/token-watch.ts' },
  ],
});
