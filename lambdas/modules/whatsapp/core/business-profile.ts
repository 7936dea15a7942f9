/**
 * The business profile of a selected number: read from Meta (and kept, so the tenant sees what was last
 * read), and changed field by field — Meta keeps the fields a change does not name.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles
 */
import type { ProfileUpdate } from '../contracts/http';
import type { StoredProfile, WhatsAppDeps } from '../ports';
import { atMeta } from './meta-refusal';
import { numberAccess } from './whatsapp-access';
import { recordAudit } from '../../../platform/core/record-audit';

export type ProfileView = Omit<StoredProfile, 'tenantId' | 'connectionId'>;

export async function readProfile(
  deps: WhatsAppDeps,
  tenantId: string,
  phoneNumberId: string,
): Promise<ProfileView> {
  const n = await numberAccess(deps, tenantId, phoneNumberId);
  return fetchAndKeep(deps, n);
}

export async function updateProfile(
  deps: WhatsAppDeps,
  tenantId: string,
  phoneNumberId: string,
  change: ProfileUpdate,
  actor: string,
): Promise<ProfileView> {
  const n = await numberAccess(deps, tenantId, phoneNumberId);
  const fields = Object.keys(change).sort();
  const audit = (result: 'success' | 'failure', reason?: string) =>
    recordAudit(deps, {
      tenantId,
      actor,
      action: 'whatsapp.profile.update',
      target: `whatsapp-number:${phoneNumberId}`,
      result,
      ...(reason ? { reason } : {}),
      // the names of the changed fields, not their values
      details: { fields },
    });
  try {
    await atMeta('update the business profile', () =>
      deps.graph.updateProfile(phoneNumberId, n.token, change),
    );
  } catch (err) {
    await audit('failure', (err as { reason?: string }).reason ?? 'error');
    throw err;
  }
  await audit('success');
  return fetchAndKeep(deps, n);
}

async function fetchAndKeep(
  deps: WhatsAppDeps,
  n: { tenantId: string; connectionId: string; phoneNumberId: string; token: string },
): Promise<ProfileView> {
  const p = await atMeta('read the business profile', () => deps.graph.getProfile(n.phoneNumberId, n.token));
  const stored: StoredProfile = {
    ...p,
    tenantId: n.tenantId,
    connectionId: n.connectionId,
    phoneNumberId: n.phoneNumberId,
    readAt: deps.clock.now().toISOString(),
  };
  await deps.store.putProfile(stored);
  const { tenantId: _t, connectionId: _c, ...view } = stored;
  return view;
}
