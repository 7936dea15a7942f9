/** The OAuth dance against a running runtime, outside Jest: used by the benchmarks to set up a tenant. */
import { json, type RuntimeHandle } from './support';

export async function connectTenant(
  rt: RuntimeHandle,
  pages: string[],
  features = ['leads'],
): Promise<string> {
  const start = await json(`${rt.apiUrl}/api/v1/connections/meta`, {
    body: { features, returnUrl: 'http://localhost:5173/bench' },
    token: rt.token,
  });
  if (start.status !== 201) throw new Error(`start: ${start.status}`);
  const dialog = new URL(start.json.authUrl);
  const state = await json(`${rt.simUrl}/_sim/state`);
  const form = new URLSearchParams();
  for (const key of ['client_id', 'redirect_uri', 'state', 'scope', 'response_type'])
    form.set(key, dialog.searchParams.get(key) ?? '');
  form.set('user_id', state.json.users[0].id);
  form.set('decision', 'allow');
  const consent = await fetch(`${rt.simUrl}/_sim/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const back = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
  const outcome = new URL(back.headers.get('location')!).searchParams;
  const id = outcome.get('connectionId');
  if (!id) throw new Error(`connect: ${outcome.toString()}`);
  const sel = await json(`${rt.apiUrl}/api/v1/connections/${id}/selection`, {
    method: 'PUT',
    body: { pages },
    token: rt.token,
  });
  if (sel.status !== 200) throw new Error(`selection: ${sel.status}`);
  return id;
}
