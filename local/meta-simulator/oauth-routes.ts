/**
 * Token endpoints: `oauth/access_token` (authorization code, `fb_exchange_token`, `client_credentials`)
 * and `debug_token`, with Meta's errors for bad clients, secrets and codes (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow).
 */
import { GraphError, GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { identifyToken, pagesVisibleTo, tokenProblem } from './token-auth';
import { DATA_ACCESS_SECONDS, issueAppToken, issueUserToken } from './token-issuer';
import type { TokenRecord } from './world';
import { GRAPH_CONTRACTS } from './contracts';

/** authorization codes are single-use and live ten minutes */
export const CODE_TTL_SECONDS = 600;

function checkClient(ctx: GraphContext): void {
  const clientId = ctx.args.str('client_id');
  if (!clientId) throw GraphErrors.missingParameter('client_id');
  if (clientId !== ctx.core.appId) {
    throw new GraphError({ code: 101, message: 'Error validating application. Invalid application ID.' });
  }
  const secret = ctx.args.str('client_secret');
  if (!secret) throw GraphErrors.missingParameter('client_secret');
  // Meta answers a wrong secret with code 1 but HTTP 400: it is a client error, not an outage
  if (secret !== ctx.core.appSecret)
    throw new GraphError({
      code: 1,
      message: 'Error validating client secret.',
      status: 400,
      isTransient: false,
    });
}

function accessToken(ctx: GraphContext): unknown {
  const grantType = ctx.args.str('grant_type');
  if (grantType === 'client_credentials') {
    checkClient(ctx);
    const t = issueAppToken(ctx.world, ctx.now, ctx.core.appId);
    return { access_token: t.value, token_type: 'bearer' };
  }
  if (grantType === 'fb_exchange_token') return exchangeForLongLived(ctx);
  if (grantType !== undefined && grantType !== 'authorization_code') {
    throw GraphErrors.invalidParameter(`Unsupported grant_type: ${grantType}`);
  }
  return exchangeCode(ctx);
}

function exchangeCode(ctx: GraphContext): unknown {
  const redirectUri = ctx.args.str('redirect_uri');
  if (redirectUri === undefined) throw GraphErrors.missingParameter('redirect_uri');
  checkClient(ctx);
  const code = ctx.args.str('code');
  if (!code) throw GraphErrors.missingParameter('code');
  const grant = ctx.world.authCodes.get(code);
  if (!grant)
    throw new GraphError({ code: 100, subcode: 36010, message: 'Invalid verification code format.' });
  if (grant.usedAt !== null)
    throw new GraphError({ code: 100, subcode: 36009, message: 'This authorization code has been used.' });
  if (ctx.now - grant.createdAt > CODE_TTL_SECONDS) {
    throw new GraphError({ code: 100, subcode: 36007, message: 'This authorization code has expired.' });
  }
  if (grant.redirectUri !== redirectUri || grant.clientId !== ctx.core.appId) {
    throw new GraphError({
      code: 100,
      subcode: 36008,
      message:
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
    });
  }
  grant.usedAt = ctx.now;
  const t = issueUserToken(ctx.world, ctx.now, {
    userId: grant.userId,
    scopes: grant.scopes,
    declined: grant.declined,
    pageIds: grant.pageIds,
    longLived: false,
  });
  return { access_token: t.value, token_type: 'bearer', expires_in: t.expiresAt - ctx.now };
}

function exchangeForLongLived(ctx: GraphContext): unknown {
  checkClient(ctx);
  const input = ctx.args.str('fb_exchange_token');
  if (!input) throw GraphErrors.missingParameter('fb_exchange_token');
  const auth = identifyToken(ctx.world, ctx.core.appId, ctx.core.appSecret, input);
  if (!auth?.record || auth.type !== 'USER') throw GraphErrors.cannotParseToken();
  const problem = tokenProblem(auth.record, ctx.now);
  if (problem) throw problem;
  const r = auth.record;
  const t = issueUserToken(ctx.world, ctx.now, {
    userId: r.userId as string,
    scopes: r.scopes,
    declined: r.declined,
    pageIds: r.pageIds,
    longLived: true,
  });
  return { access_token: t.value, token_type: 'bearer', expires_in: t.expiresAt - ctx.now };
}

/** which assets each permission was granted for, as the dialog's pickers produce it */
function granularScopes(
  ctx: GraphContext,
  record: TokenRecord,
): Array<{ scope: string; target_ids?: string[] }> {
  const w = ctx.world;
  const pages = pagesVisibleTo(w, record);
  const userId = record.userId ?? '';
  return record.scopes.map((scope) => {
    let targets: string[] | null = null;
    if (scope.startsWith('pages_') || scope === 'leads_retrieval' || scope === 'read_insights')
      targets = pages.map((p) => p.id);
    else if (scope.startsWith('instagram_'))
      targets = pages.flatMap((p) => (p.igAccountId ? [p.igAccountId] : []));
    else if (scope === 'business_management') targets = w.businessesOfUser(userId).map((b) => b.id);
    else if (scope.startsWith('whatsapp_')) {
      const businesses = new Set(w.businessesOfUser(userId).map((b) => b.id));
      targets = [...w.wabas.values()].filter((x) => businesses.has(x.businessId)).map((x) => x.id);
    }
    return targets ? { scope, target_ids: targets } : { scope };
  });
}

function debugToken(ctx: GraphContext): unknown {
  const input = ctx.args.str('input_token');
  if (!input) throw GraphErrors.invalidParameter('(#100) The parameter input_token is required');
  const auth = identifyToken(ctx.world, ctx.core.appId, ctx.core.appSecret, input);
  if (!auth) {
    return {
      data: {
        error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
        is_valid: false,
        scopes: [],
      },
    };
  }
  const base = { app_id: ctx.core.appId, type: auth.type, application: ctx.core.appName };
  if (!auth.record || auth.type === 'APP') return { data: { ...base, is_valid: true, scopes: [] } };

  const r = auth.record;
  const problem = tokenProblem(r, ctx.now);
  const data: Record<string, unknown> = {
    ...base,
    data_access_expires_at: r.issuedAt + DATA_ACCESS_SECONDS,
    expires_at: r.expiresAt,
    is_valid: problem === null,
    issued_at: r.issuedAt,
    scopes: [...r.scopes],
    granular_scopes: granularScopes(ctx, r),
    user_id: r.userId,
  };
  if (r.type === 'PAGE') data.profile_id = r.pageId;
  if (problem) {
    data.error = {
      code: problem.code,
      message: problem.message,
      ...(problem.subcode !== undefined ? { subcode: problem.subcode } : {}),
    };
  }
  return { data };
}

export function registerOAuthRoutes(r: GraphRouteRegistry): void {
  r.on(GRAPH_CONTRACTS.accessToken, accessToken);
  r.on(GRAPH_CONTRACTS.accessTokenPost, accessToken);
  r.on(GRAPH_CONTRACTS.debugToken, debugToken);
}
