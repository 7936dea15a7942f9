/**
 * Meta's redirect back from the login dialog: verify the state, exchange the code for a short-lived and
 * then a long-lived user token, inspect it, derive Page tokens, store everything encrypted, and send the
 * person back to the tenant's return URL with the outcome. Any failure stores nothing but an audit record.
 */
import { DomainError } from '../../../platform/core/errors';
import type { ConnectDeps } from '../ports';
import type { ConnectionRecord, PageTokenRecord } from '../contracts/connection';
import { statusFromExpiry } from './connection';
import { emptySelection } from './assets';
import { discoverAssets, grantedPages } from './discover-assets';
import { encryptPageTokens } from './page-tokens';
import {
  MetaGraphError,
  MetaNetworkError,
  classifyGraphError,
} from '../../../platform/core/graph/graph-error';
import { GraphPausedError } from '../../../platform/core/graph/graph-outage';
import { missingFeatures, scopesForFeatures } from '../../../core/scopes/scope-registry';
import { connectionEvent } from '../contracts/events';
import { checkReturnUrl, withQuery } from './return-url';
import { verifyState, type OAuthStateClaims } from './oauth-state';
import { acceptedStateKeys, verifyAcrossRotation } from '../../../core/meta/secret-rotation';
import { recordAudit } from '../../../platform/core/record-audit';

export interface CallbackInput {
  code?: string;
  state?: string;
  error?: string;
  errorReason?: string;
}

export type CallbackOutcome =
  | { kind: 'redirect'; location: string; reason: string; connectionId?: string }
  /** no trustworthy return URL: answer with a problem instead of redirecting anywhere */
  | { kind: 'problem'; error: DomainError };

export async function completeAuthorization(
  deps: ConnectDeps,
  input: CallbackInput,
): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const check = await verifyAcrossRotation(
    deps.secrets,
    (app) => verifyState(input.state, acceptedStateKeys(app, now), now),
    (c) => !c.ok && c.reason === 'state_invalid',
  );

  if (!check.ok && check.reason !== 'state_expired') {
    return {
      kind: 'problem',
      error: new DomainError('validation', 'The OAuth state is missing or not ours', check.reason),
    };
  }
  const claims = check.ok ? check.claims : check.claims;
  const audit = (
    result: 'success' | 'failure' | 'denied',
    reason: string,
    details?: Record<string, unknown>,
  ) =>
    recordAudit(deps, {
      tenantId: claims.tenantId,
      actor: claims.actor,
      action: 'oauth.callback',
      result,
      reason,
      details,
    });

  // the allow-list may have changed since the dialog opened
  const urlDecision = checkReturnUrl(claims.returnUrl, deps.settings.returnUrls);
  if (!urlDecision.allowed) {
    await audit('denied', urlDecision.reason);
    return {
      kind: 'problem',
      error: new DomainError('validation', 'The return URL is no longer allowed', urlDecision.reason),
    };
  }
  const fail = async (reason: string, details?: Record<string, unknown>): Promise<CallbackOutcome> => {
    await audit(reason === 'access_denied' ? 'denied' : 'failure', reason, details);
    return { kind: 'redirect', location: withQuery(claims.returnUrl, { status: 'error', reason }), reason };
  };

  if (!check.ok) return fail('state_expired');
  // consume before anything else so a replay cannot race the first use
  const firstUse = await deps.oauthStates.consume(claims.nonce, claims.expiresAt);
  if (!firstUse) return fail('state_replayed');
  if (input.error)
    return fail(input.error === 'access_denied' ? 'access_denied' : 'consent_error', {
      metaReason: input.errorReason,
    });
  if (!input.code) return fail('code_missing');

  try {
    return await connect(deps, claims, input.code, audit);
  } catch (err) {
    return fail(graphFailureReason('code_exchange', err), graphDetails(err));
  }
}

async function connect(
  deps: ConnectDeps,
  claims: OAuthStateClaims,
  code: string,
  audit: (r: 'success' | 'failure' | 'denied', reason: string, d?: Record<string, unknown>) => Promise<void>,
): Promise<CallbackOutcome> {
  const short = await deps.graph.exchangeCode(code, deps.settings.redirectUri);
  const long = await deps.graph.exchangeForLongLived(short.accessToken);
  const info = await deps.graph.debugToken(long.accessToken);
  if (!info.isValid || !info.userId)
    throw new DomainError('upstream', 'Meta reported the new token as invalid', 'token_invalid');
  const me = await deps.graph.getMe(long.accessToken);
  const now = deps.clock.now();

  const requested = scopesForFeatures(claims.features).scopes;
  const granted = [...info.scopes].sort();
  const declined = requested.filter((s) => !granted.includes(s));
  const missing = missingFeatures(claims.features, granted);
  const expiresAt = info.expiresAt
    ? info.expiresAt.toISOString()
    : long.expiresIn
      ? new Date(now.getTime() + long.expiresIn * 1000).toISOString()
      : null;

  // reconnecting the same Meta user in the same tenant refreshes that connection instead of duplicating it,
  // unless its data is being purged: the deletion worker would delete the revived connection with it
  const existing = (await deps.connections.listByMetaUser(info.userId)).find(
    (c) => c.tenantId === claims.tenantId && !c.deletionRequestedAt,
  );
  const connectionId = existing?.connectionId ?? deps.ids.next('con');
  const ctx = { tenantId: claims.tenantId, connectionId };

  const status = statusFromExpiry(expiresAt, now);

  const record: ConnectionRecord = {
    tenantId: claims.tenantId,
    connectionId,
    status: status.status,
    statusReason: missing.length > 0 ? 'partial_grant' : status.reason,
    metaUserId: info.userId,
    metaUserName: me.name ?? undefined,
    features: claims.features,
    requestedScopes: requested,
    grantedScopes: granted,
    grantedTargets: info.grantedTargets,
    declinedScopes: declined,
    missingFeatures: missing,
    userTokenCiphertext: await deps.vault.encrypt(long.accessToken, ctx),
    tokenExpiresAt: expiresAt,
    dataAccessExpiresAt: info.dataAccessExpiresAt?.toISOString() ?? null,
    tokenCheckedAt: now.toISOString(),
    consentedAt: now.toISOString(),
    createdAt: existing?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    selection: existing?.selection ?? emptySelection(),
    createdBy: existing?.createdBy ?? claims.actor,
  };

  // assets are best effort here: the connection is good even if Meta throttles the listing right now
  let catalogError: string | undefined;
  let catalog;
  let pageTokens: PageTokenRecord[] = [];
  try {
    const pages = await grantedPages(deps.graph, long.accessToken, granted, info.grantedTargets);
    pageTokens = await encryptPageTokens(deps.vault, ctx, pages);
    catalog = await discoverAssets(deps.graph, long.accessToken, pages, granted, info.grantedTargets);
    record.assetsSyncedAt = now.toISOString();
  } catch (err) {
    catalogError = graphFailureReason('asset_listing', err);
    record.assetsSyncError = catalogError;
  }

  if (existing) await deps.connections.update(record, { reconnect: true });
  else await deps.connections.create(record);
  await deps.connections.savePageTokens(claims.tenantId, connectionId, pageTokens);
  if (catalog) await deps.connections.saveAssets(claims.tenantId, connectionId, catalog);

  await audit('success', missing.length > 0 ? 'partial_grant' : 'connected', {
    connectionId,
    grantedScopes: granted,
    declinedScopes: declined,
    missingFeatures: missing.map((m) => m.feature),
    reconnected: Boolean(existing),
    assetsSyncError: catalogError,
  });
  await deps.events.publish([
    connectionEvent('connection.connected', claims.tenantId, deps.ids.next('evt'), now, {
      connectionId,
      metaUserId: info.userId,
      features: claims.features,
      grantedScopes: granted,
      missingFeatures: missing.map((m) => m.feature),
    }),
  ]);

  const params: Record<string, string> = { status: 'connected', connectionId };
  if (missing.length > 0) params.missingFeatures = missing.map((m) => m.feature).join(',');
  return {
    kind: 'redirect',
    location: withQuery(claims.returnUrl, params),
    reason: missing.length > 0 ? 'partial_grant' : 'connected',
    connectionId,
  };
}

/** A stable, token-free reason for a failed Graph step. */
export function graphFailureReason(step: string, err: unknown): string {
  // nothing reached Meta: the app-wide pause held the call, so no Meta code may be named
  if (err instanceof GraphPausedError) return `${step}_failed_graph_paused`;
  if (err instanceof MetaGraphError)
    return `${step}_failed_${classifyGraphError(err.httpStatus, err.body).reason}`;
  if (err instanceof MetaNetworkError) return `${step}_failed_${err.timedOut ? 'timeout' : 'network_error'}`;
  if (err instanceof DomainError) return `${step}_failed_${err.reason}`;
  return `${step}_failed`;
}

function graphDetails(err: unknown): Record<string, unknown> | undefined {
  if (err instanceof GraphPausedError) return { pausedFor: err.pause.cause, retryAfterMs: err.retryAfterMs };
  if (err instanceof MetaGraphError) {
    return { metaCode: err.code, metaSubcode: err.subcode ?? null, fbtraceId: err.body.fbtraceId ?? null };
  }
  return undefined;
}
