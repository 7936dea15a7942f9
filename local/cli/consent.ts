/**
 * What a person's browser does in Meta's login dialog, without the browser: read the dialog URL the API
 * gave (`authUrl`), consent at the simulator (`POST /_sim/consent`, which answers like Facebook with a
 * redirect to our OAuth callback), follow that redirect to the API, and return where the API sends the
 * person (the return URL with `status` and `connectionId`, or `status=error&reason=…`).
 */
import { DEFAULT_WORLD_IDS } from '../meta-simulator/default-world';

export interface ConsentOptions {
  /** the simulated Meta user who consents (default: "Dana Demo", who manages the demo Pages) */
  userId?: string;
  decision?: 'allow' | 'deny';
  /** scopes the person leaves ticked (fewer than asked = a partial grant); default all */
  grantedScopes?: string[];
}

/** Consents in the simulator's dialog; resolves to where Meta redirects the browser (our callback). */
export async function consentAtDialog(authUrl: string, o: ConsentOptions = {}): Promise<string> {
  const dialog = new URL(authUrl);
  const form = new URLSearchParams();
  for (const key of ['client_id', 'redirect_uri', 'state', 'scope', 'response_type']) {
    const value = dialog.searchParams.get(key);
    if (value !== null) form.set(key, value);
  }
  form.set('user_id', o.userId ?? DEFAULT_WORLD_IDS.userId);
  form.set('decision', o.decision ?? 'allow');
  if (o.grantedScopes) form.set('granted_scopes', o.grantedScopes.join(','));
  const consent = await fetch(`${dialog.origin}/_sim/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const callback = consent.headers.get('location');
  if (consent.status !== 302 || !callback)
    throw new Error(`the simulator refused the consent (${consent.status}): ${await consent.text()}`);
  return callback;
}

export async function consentWithoutBrowser(authUrl: string, o: ConsentOptions = {}): Promise<string> {
  const callback = await consentAtDialog(authUrl, o);
  // the browser drops the fragment (Facebook's `#_=_`) before requesting the callback
  const answer = await fetch(callback.split('#')[0]!, { redirect: 'manual' });
  const back = answer.headers.get('location');
  if (answer.status !== 302 || !back)
    throw new Error(`the OAuth callback answered ${answer.status}: ${await answer.text()}`);
  return back;
}
