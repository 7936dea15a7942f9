/**
 * What people and Meta do to tokens and subscriptions outside any API call: remove the app (190/458 and
 * the deauthorize callback), ask for data deletion, change the password (190/460), let a user token
 * expire (190/463), and Meta's silent auto-unsubscribe of a Page.
 */
import * as z from 'zod';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import { GraphErrors } from './graph-errors';
import { userSignedRequest } from './signed-request';
import { invalidateUserTokens } from './token-issuer';
import { postSignedRequest } from './webhook-sender';

function userOf(c: ControlContext) {
  const user = c.core.world.users.get(c.params.id ?? '');
  if (!user) throw new ControlError(404, 'unknown_user', `no user ${c.params.id ?? ''} in the world`);
  return user;
}

async function revoke(c: ControlContext) {
  const user = userOf(c);
  const { core } = c;
  const revokedTokens = invalidateUserTokens(core.world, user.id, {
    subcode: 458,
    message: GraphErrors.appNotAuthorizedMessage(core.appId),
  });
  const url = core.targets.deauthorizeUrl;
  if (!url) return ok({ revokedTokens, deauthorizeStatus: null });
  const result = await postSignedRequest(url, userSignedRequest(user.id, core.now(), core.appSecret));
  return ok({
    revokedTokens,
    deauthorizeStatus: result.status,
    ...(result.error ? { deauthorizeError: result.error } : {}),
  });
}

async function dataDeletion(c: ControlContext) {
  const user = userOf(c);
  const { core } = c;
  const url = core.targets.dataDeletionUrl;
  if (!url) throw new ControlError(409, 'no_data_deletion_url', 'no dataDeletionUrl set (setTargets)');
  const result = await postSignedRequest(url, userSignedRequest(user.id, core.now(), core.appSecret));
  return ok({ status: result.status, body: result.body, ...(result.error ? { error: result.error } : {}) });
}

function passwordChange(c: ControlContext) {
  const user = userOf(c);
  const invalidatedTokens = invalidateUserTokens(c.core.world, user.id, {
    subcode: 460,
    message: GraphErrors.passwordChangedMessage(),
  });
  return ok({ invalidatedTokens });
}

const ExpireSchema = z.object({ userId: z.union([z.string().min(1), z.number().int()]).transform(String) });

function expireTokens(c: ControlContext) {
  const { userId } = parseInput(ExpireSchema, c.body);
  const { core } = c;
  if (!core.world.users.has(userId))
    throw new ControlError(404, 'unknown_user', `no user ${userId} in the world`);
  const now = core.now();
  let expiredTokens = 0;
  // user tokens only: Page tokens from a long-lived user token never expire, short ones keep their own hour
  for (const t of core.world.tokensOfUser(userId)) {
    if (t.type !== 'USER' || t.invalidated || (t.expiresAt !== 0 && t.expiresAt <= now)) continue;
    t.expiresAt = now - 1;
    expiredTokens++;
  }
  return ok({ expiredTokens });
}

function dropSubscription(c: ControlContext) {
  const page = c.core.world.pages.get(c.params.id ?? '');
  if (!page) throw new ControlError(404, 'unknown_page', `no Page ${c.params.id ?? ''} in the world`);
  const dropped = page.subscribedApps.delete(c.core.appId);
  return ok({ dropped });
}

export const userControlRoutes: ControlRoute[] = [
  { method: 'POST', pattern: '/users/:id/revoke', handle: revoke },
  { method: 'POST', pattern: '/users/:id/data-deletion', handle: dataDeletion },
  { method: 'POST', pattern: '/users/:id/password-change', handle: passwordChange },
  { method: 'POST', pattern: '/tokens/expire', handle: expireTokens },
  { method: 'POST', pattern: '/pages/:id/drop-subscription', handle: dropSubscription },
];
