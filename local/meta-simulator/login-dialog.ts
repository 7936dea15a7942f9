/**
 * Facebook Login's manual flow (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow): the dialog page at `/{version}/dialog/oauth` and
 * the consent it posts to `/_sim/consent`, which redirects to `redirect_uri` exactly as Facebook does —
 * `code` and `state`, or `error=access_denied...` — including Facebook's `#_=_` fragment.
 */
import * as z from 'zod';
import {
  type ControlContext,
  ControlError,
  type ControlResult,
  type ControlRoute,
  parseInput,
} from './control-router';
import { renderDialog, renderDialogError } from './login-dialog-html';
import type { SimulatorCore } from './simulator-core';

/** fields of the dialog query that the consent form carries back */
const DIALOG_FIELDS = [
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'response_type',
  'config_id',
  'auth_type',
] as const;

export function splitScopes(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(/[\s,]+/).filter((s) => s.length > 0))];
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function renderLoginDialog(
  core: SimulatorCore,
  query: URLSearchParams,
): { status: number; html: string } {
  const clientId = query.get('client_id');
  if (clientId !== core.appId) {
    return {
      status: 400,
      html: renderDialogError('Invalid App ID', 'The provided app ID does not look like a valid app ID.'),
    };
  }
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !isHttpUrl(redirectUri)) {
    return {
      status: 400,
      html: renderDialogError(
        'URL blocked',
        'This redirect failed because the redirect URI is missing or not a valid URL.',
      ),
    };
  }
  const responseType = query.get('response_type') ?? 'code';
  if (responseType !== 'code') {
    return {
      status: 400,
      html: renderDialogError(
        'Unsupported response_type',
        `The simulator supports response_type=code only, not ${responseType}.`,
      ),
    };
  }
  const hidden: Record<string, string> = {};
  for (const f of DIALOG_FIELDS) {
    const v = query.get(f);
    if (v !== null) hidden[f] = v;
  }
  return {
    status: 200,
    html: renderDialog({
      appName: core.appName,
      scopes: splitScopes(query.get('scope') ?? undefined),
      users: [...core.world.users.values()],
      hidden,
    }),
  };
}

const stringOrList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v.join(',') : v));

const ConsentSchema = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().refine(isHttpUrl, 'must be an http(s) URL'),
  state: z.string().optional(),
  scope: stringOrList.optional(),
  response_type: z.string().optional(),
  config_id: z.string().optional(),
  auth_type: z.string().optional(),
  user_id: z.string().min(1),
  decision: z.enum(['allow', 'deny']),
  /** comma list (or repeated form field) of the requested scopes the person leaves ticked */
  granted_scopes: stringOrList.optional(),
  /** set by the dialog's form: an absent granted_scopes then means "nothing ticked" */
  scope_picker: z.string().optional(),
  /** the Pages ticked in the Page picker; default all the person's Pages */
  page_ids: stringOrList.optional(),
});

function redirectWith(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.hash = '_=_';
  return url.toString();
}

function consent(c: ControlContext): ControlResult {
  const input = parseInput(ConsentSchema, c.body);
  const { core } = c;
  if (input.client_id !== core.appId)
    throw new ControlError(400, 'invalid_client_id', 'client_id is not this app');
  const user = core.world.users.get(input.user_id);
  if (!user) throw new ControlError(400, 'unknown_user', `no user ${input.user_id} in the world`);
  const state: Record<string, string> = input.state !== undefined ? { state: input.state } : {};

  if (input.decision === 'deny') {
    return {
      status: 302,
      location: redirectWith(input.redirect_uri, {
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
        ...state,
      }),
    };
  }

  const picked =
    input.granted_scopes !== undefined ? splitScopes(input.granted_scopes) : input.scope_picker ? [] : null;
  // with Facebook Login for Business the configuration, not `scope`, names the permissions
  const requested = splitScopes(input.scope).length > 0 ? splitScopes(input.scope) : (picked ?? []);
  const granted = picked === null ? requested : requested.filter((s) => picked.includes(s));
  const declined = requested.filter((s) => !granted.includes(s));
  const ownPages = core.world.pagesOfUser(user.id).map((p) => p.id);
  const pageIds =
    input.page_ids !== undefined ? splitScopes(input.page_ids).filter((id) => ownPages.includes(id)) : null;

  let code: string;
  do code = `AQ${core.world.ids.alnum(180)}`;
  while (core.world.authCodes.has(code));
  core.world.authCodes.set(code, {
    code,
    clientId: input.client_id,
    redirectUri: input.redirect_uri,
    userId: user.id,
    scopes: granted,
    declined,
    pageIds,
    createdAt: core.now(),
    usedAt: null,
  });
  return { status: 302, location: redirectWith(input.redirect_uri, { code, ...state }) };
}

export const loginControlRoutes: ControlRoute[] = [{ method: 'POST', pattern: '/consent', handle: consent }];
