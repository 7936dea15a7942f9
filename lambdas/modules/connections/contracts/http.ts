/** The connections API's operations: the zod schemas its handlers parse with and the OpenAPI document shows. */
import * as z from 'zod';
import { FEATURES } from '../../../core/scopes/scope-registry';
import { ASSET_KINDS } from './assets';
import { listOf, PagingQuery, type OperationSchemas } from '../../../platform/contracts/http-schemas';

export const ConnectionIdParams = z.object({
  id: z.string().regex(/^con_[0-9a-z]{26}$/, 'not a connection id'),
});

export const StartConnectionBody = z
  .object({
    features: z.array(z.enum(FEATURES)).min(1, 'enable at least one feature').max(FEATURES.length),
    returnUrl: z.string().url().max(2048),
  })
  .strict();

const asset = { id: z.string(), name: z.string() };

export const AssetCatalogSchema = z
  .object({
    businesses: z.array(z.object(asset)),
    pages: z.array(
      z.object({
        ...asset,
        businessId: z.string().nullable(),
        category: z.string().nullable(),
        instagramAccountId: z.string().nullable(),
      }),
    ),
    instagramAccounts: z.array(z.object({ ...asset, pageId: z.string(), username: z.string().nullable() })),
    adAccounts: z.array(
      z.object({
        ...asset,
        businessId: z.string().nullable(),
        currency: z.string().nullable(),
        accountId: z.string(),
      }),
    ),
    leadForms: z.array(z.object({ ...asset, pageId: z.string(), status: z.string().nullable() })),
    whatsappNumbers: z.array(
      z.object({
        ...asset,
        businessId: z.string().nullable(),
        wabaId: z.string(),
        displayPhoneNumber: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AssetCatalog' });

const idList = z.array(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'not a Meta id')).max(500);

export const SelectionBody = z
  .object(
    Object.fromEntries(ASSET_KINDS.map((k) => [k, idList.optional()])) as Record<
      (typeof ASSET_KINDS)[number],
      z.ZodOptional<typeof idList>
    >,
  )
  .strict();

export const SelectionSchema = z
  .object(Object.fromEntries(ASSET_KINDS.map((k) => [k, z.array(z.string())])))
  .meta({ id: 'AssetSelection' });

export const ConnectionSchema = z
  .object({
    id: z.string(),
    status: z.enum(['active', 'expiring', 'expired', 'revoked']),
    statusReason: z.string().nullable(),
    metaUser: z.object({ id: z.string(), name: z.string().nullable() }),
    features: z.array(z.enum(FEATURES)),
    grantedScopes: z.array(z.string()),
    declinedScopes: z.array(z.string()),
    partialGrant: z.boolean(),
    missingFeatures: z.array(z.object({ feature: z.enum(FEATURES), missingScopes: z.array(z.string()) })),
    tokenExpiresAt: z.string().nullable(),
    dataAccessExpiresAt: z.string().nullable(),
    tokenCheckedAt: z.string(),
    consentedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    selection: SelectionSchema,
    assetsSyncedAt: z.string().nullable(),
    assetsSyncError: z.string().nullable(),
  })
  .meta({ id: 'Connection' });

/** The scope registry as the API shows it, so a frontend can say what each permission is used for. */
export const PermissionSchema = z
  .object({
    permission: z.string(),
    features: z.array(z.enum([...FEATURES, 'connect'])).describe('`connect`: every connection needs it'),
    why: z.string(),
    dataAccessed: z.string(),
    stored: z.string().nullable(),
    retention: z.enum(['until_disconnect', 'leads', 'messages', 'insights', 'not_stored']),
  })
  .meta({ id: 'Permission' });

export const OAuthCallbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(4096).optional(),
  error: z.string().max(200).optional(),
  error_reason: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
  error_code: z.string().max(50).optional(),
});

export const CONNECTION_OPERATIONS = {
  startMetaConnection: {
    body: StartConnectionBody,
    responses: {
      201: z.object({ authUrl: z.string().url(), scopes: z.array(z.string()), expiresAt: z.string() }),
    },
  },
  listConnections: { query: PagingQuery, responses: { 200: listOf(ConnectionSchema) } },
  getConnection: {
    params: ConnectionIdParams,
    responses: {
      200: ConnectionSchema.extend({
        pageHealth: z.array(
          z.object({
            pageId: z.string(),
            lastDeliveryAt: z.string().nullable(),
            lastReconciliation: z
              .object({ at: z.string(), outcome: z.string(), fetched: z.number(), stored: z.number() })
              .nullable(),
            lastSubscriptionCheck: z.object({ at: z.string(), outcome: z.string() }).nullable(),
          }),
        ),
      }),
    },
  },
  listConnectionAssets: {
    params: ConnectionIdParams,
    query: z.object({ refresh: z.enum(['true', 'false']).optional() }).strict(),
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
    params: ConnectionIdParams.extend({
      // a Page, Instagram account, lead form or WhatsApp number id, or an ad account (act_…)
      assetId: z.string().regex(/^(act_)?[0-9]{5,32}$/, 'an asset id of the connection'),
    }),
    responses: {
      202: z.object({
        assetId: z.string(),
        kind: z.enum(ASSET_KINDS),
        alsoRevoked: z.array(z.string()).describe("a Page's lead forms go with it"),
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
export const CONNECTION_SCHEMA_NAMES: Record<string, z.ZodType> = {
  StartConnectionRequest: StartConnectionBody,
  AssetSelectionRequest: SelectionBody,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const CONNECTION_REQUEST_EXAMPLES: Record<string, unknown> = {
  startMetaConnection: { features: ['leads', 'inbox'], returnUrl: 'https://crm.example/meta/connected' },
  putConnectionSelection: { pages: ['104729384756123'], leadForms: ['771234567890123'] },
};
