import { invalid } from '../../../platform/core/errors';
import type { ConnectDeps } from '../ports';
import { scopesForFeatures, type Feature } from '../../../core/scopes/scope-registry';
import { checkReturnUrl } from './return-url';
import { signState } from './oauth-state';
import { recordAudit } from '../../../platform/core/record-audit';

export interface StartAuthorizationInput {
  tenantId: string;
  actor: string;
  features: Feature[];
  returnUrl: string;
}

export interface StartAuthorizationResult {
  authUrl: string;
  scopes: string[];
  expiresAt: string;
}

/** Builds Meta's login dialog URL asking exactly for the scopes of the enabled features. */
export async function startAuthorization(
  deps: Pick<ConnectDeps, 'clock' | 'ids' | 'secrets' | 'audit' | 'settings'>,
  input: StartAuthorizationInput,
): Promise<StartAuthorizationResult> {
  const now = deps.clock.now();
  const decision = checkReturnUrl(input.returnUrl, deps.settings.returnUrls);
  if (!decision.allowed) {
    await recordAudit(deps, {
      tenantId: input.tenantId,
      at: now,
      actor: input.actor,
      action: 'oauth.start',
      result: 'denied',
      reason: decision.reason,
    });
    throw invalid(
      'returnUrl is not allowed',
      [{ field: 'body.returnUrl', message: decision.reason }],
      decision.reason,
    );
  }
  const features = [...new Set(input.features)];
  const { scopes } = scopesForFeatures(features);
  const app = await deps.secrets.metaApp();
  const { state, expiresAt } = await signState(
    {
      tenantId: input.tenantId,
      returnUrl: input.returnUrl,
      features,
      actor: input.actor,
      nonce: deps.ids.next('st'),
    },
    app.stateSigningKey,
    now,
  );
  const url = new URL(
    `${deps.settings.loginUrl.replace(/\/$/, '')}/${deps.settings.graphVersion}/dialog/oauth`,
  );
  url.searchParams.set('client_id', app.appId);
  url.searchParams.set('redirect_uri', deps.settings.redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scopes.join(','));
  await recordAudit(deps, {
    tenantId: input.tenantId,
    at: now,
    actor: input.actor,
    action: 'oauth.start',
    result: 'success',
    details: { features, scopes },
  });
  return { authUrl: url.toString(), scopes, expiresAt: expiresAt.toISOString() };
}
