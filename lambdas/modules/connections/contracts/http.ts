/** The connections API's operations: the zod schemas its handlers parse with and the OpenAPI document shows. */
import * as z from '../../../platform/contracts/zod';
import { FEATURES } from '../../../core/scopes/scope-registry';
import { ASSET_KINDS } from './assets';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';

export const ConnectionIdParams = z.object({
  id: z.string().check(z.regex(/^con_[0-9a-z]{26}$/, 'not a connection id')),
});

export const StartConnectionBody = z.strictObject({
  features: z
    .array(z.enum(FEATURES))
    .check(z.minLength(1, 'enable at least one feature'), z.maxLength(FEATURES.length)),
  returnUrl: z.url().check(z.maxLength(2048)),
});

const asset = { id: z.string(), name: z.string() };

export const AssetCatalogSchema = z
  .object({
    businesses: z.array(z.object(asset)),
    pages: z.array(
      z.object({
        ...asset,
        businessId: z.nullable(z.string()),
        category: z.nullable(z.string()),
        instagramAccountId: z.nullable(z.string()),
      }),
    ),
    instagramAccounts: z.array(z.object({ ...asset, pageId: z.string(), username: z.nullable(z.string()) })),
    adAccounts: z.array(
      z.object({
        ...asset,
        businessId: z.nullable(z.string()),
        currency: z.nullable(z.string()),
        accountId: z.string(),
      }),
    ),
    leadForms: z.array(z.object({ ...asset, pageId: z.string(), status: z.nullable(z.string()) })),
    whatsappNumbers: z.array(
      z.object({
        ...asset,
        businessId: z.nullable(z.string()),
        wabaId: z.string(),
        displayPhoneNumber: z.nullable(z.string()),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'AssetCatalog' });

const idList = z
  .array(z.string().check(z.regex(/^[A-Za-z0-9_]{1,64}$/, 'not a Meta id')))
  .check(z.maxLength(500));

export const SelectionBody = z.strictObject(
  Object.fromEntries(ASSET_KINDS.map((k) => [k, z.optional(idList)])) as Record<
    (typeof ASSET_KINDS)[number],
    z.ZodMiniOptional<typeof idList>
  >,
);

export const SelectionSchema = z
  .object(Object.fromEntries(ASSET_KINDS.map((k) => [k, z.array(z.string())])))
  .register(z.globalRegistry, { id: 'AssetSelection' });

export const ConnectionSchema = z
  .object({
    id: z.string(),
    status: z.enum(['active', 'expiring', 'expired', 'revoked']),
    statusReason: z.nullable(z.string()),
    metaUser: z.object({ id: z.string(), name: z.nullable(z.string()) }),
    features: z.array(z.enum(FEATURES)),
    grantedScopes: z.array(z.string()),
    declinedScopes: z.array(z.string()),
    partialGrant: z.boolean(),
    missingFeatures: z.array(z.object({ feature: z.enum(FEATURES), missingScopes: z.array(z.string()) })),
    tokenExpiresAt: z.nullable(z.string()),
    dataAccessExpiresAt: z.nullable(z.string()),
    tokenCheckedAt: z.string(),
    consentedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    selection: SelectionSchema,
    assetsSyncedAt: z.nullable(z.string()),
    assetsSyncError: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'Connection' });

/** The scope registry as the API shows it, so a frontend can say what each permission is used for. */
export const PermissionSchema = z
  .object({
    permission: z.string(),
    features: z
      .array(z.enum([...FEATURES, 'connect']))
      .check(z.describe('`connect`: every connection needs it')),
    why: z.string(),
    dataAccessed: z.string(),
    stored: z.nullable(z.string()),
    retention: z.enum(['until_disconnect', 'leads', 'messages', 'insights', 'not_stored']),
  })
  .register(z.globalRegistry, { id: 'Permission' });

export const OAuthCallbackQuery = z.object({
  code: z.optional(z.string().check(z.maxLength(2048))),
  state: z.optional(z.string().check(z.maxLength(4096))),
  error: z.optional(z.string().check(z.maxLength(200))),
  error_reason: z.optional(z.string().check(z.maxLength(200))),
  error_description: z.optional(z.string().check(z.maxLength(500))),
  error_code: z.optional(z.string().check(z.maxLength(50))),
});

export const CONNECTION_OPERATIONS = {
  startMetaConnection: {
    body: StartConnectionBody,
    responses: {
      201: z.object({ authUrl: z.url(), scopes: z.array(z.string()), expiresAt: z.string() }),
    },
  },
  listConnections: { query: PagingQuery, responses: { 200: listOf(ConnectionSchema) } },
  getConnection: {
    params: ConnectionIdParams,
    responses: {
      200: z.extend(ConnectionSchema, {
        pageHealth: z.array(
          z.object({
            pageId: z.string(),
            lastDeliveryAt: z.nullable(z.string()),
            lastReconciliation: z.nullable(
              z.object({ at: z.string(), outcome: z.string(), fetched: z.number(), stored: z.number() }),
            ),
            lastSubscriptionCheck: z.nullable(z.object({ at: z.string(), outcome: z.string() })),
          }),
        ),
      }),
    },
  },
  listConnectionAssets: {
    params: ConnectionIdParams,
    query: z.strictObject({ refresh: z.optional(z.enum(['true', 'false'])) }),
    responses: { 200: AssetCatalogSchema },
  },
  putConnectionSelection: {
    params: ConnectionIdParams,
    body: SelectionBody,
    responses: {
      200: z.object({
        selection: SelectionSchema,
        subscribed: z.array(z.string()),
        unsubscribed: z.array(z.string()),
        subscribedFields: z.array(z.string()),
      }),
    },
  },
  listPermissions: {
    responses: { 200: z.object({ features: z.array(z.enum(FEATURES)), items: z.array(PermissionSchema) }) },
  },
  metaOAuthCallback: {
    query: OAuthCallbackQuery,
    responses: { 302: null },
  },
  deleteConnection: {
    params: ConnectionIdParams,
    responses: {
      202: z.object({
        connectionId: z.string(),
        status: z.literal('revoked'),
        metaRevocation: z.string(),
        deletion: z.object({ confirmationCode: z.string(), status: z.enum(['pending', 'completed']) }),
      }),
    },
  },
  revokeConnectionAsset: {
    params: z.extend(ConnectionIdParams, {
      // a Page, Instagram account, lead form or WhatsApp number id, or an ad account (act_…)
      assetId: z.string().check(z.regex(/^(act_)?[0-9]{5,32}$/, 'an asset id of the connection')),
    }),
    responses: {
      202: z.object({
        assetId: z.string(),
        kind: z.enum(ASSET_KINDS),
        alsoRevoked: z.array(z.string()).check(z.describe("a Page's lead forms go with it")),
        unsubscribed: z.array(z.string()),
        pageTokenDeleted: z.boolean(),
        purge: z.literal('queued'),
      }),
    },
  },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const CONNECTION_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
  StartConnectionRequest: StartConnectionBody,
  AssetSelectionRequest: SelectionBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const CONNECTION_REQUEST_EXAMPLES: Record<string, unknown> = {
  startMetaConnection: { features: ['leads', 'inbox'], returnUrl: 'https://crm.example/meta/connected' },
  putConnectionSelection: { pages: ['104729384756123'], leadForms: ['771234567890123'] },
};
