/**
 * Which number or account a tenant may manage, and the token to do it with. A number or account the
 * tenant did not select answers 404, exactly like one that does not exist, so nobody learns another
 * tenant's assets; a connection without a token answers 409 with what to do.
 */
import { DomainError, notFound } from '../../../platform/core/errors';
import type { SelectedNumber, SelectedWaba, WhatsAppDeps } from '../ports';

export async function numberAccess(
  deps: Pick<WhatsAppDeps, 'connections'>,
  tenantId: string,
  phoneNumberId: string,
): Promise<SelectedNumber & { token: string }> {
  const n = await deps.connections.findNumber(tenantId, phoneNumberId);
  if (!n) throw notFound(`WhatsApp phone number ${phoneNumberId}`);
  return { ...n, token: await tokenOf(deps, n) };
}

export async function wabaAccess(
  deps: Pick<WhatsAppDeps, 'connections'>,
  tenantId: string,
  wabaId: string,
): Promise<SelectedWaba & { token: string }> {
  const w = await deps.connections.findWaba(tenantId, wabaId);
  if (!w) throw notFound(`WhatsApp Business Account ${wabaId}`);
  return { ...w, token: await tokenOf(deps, w) };
}

async function tokenOf(
  deps: Pick<WhatsAppDeps, 'connections'>,
  s: { tenantId: string; connectionId: string },
): Promise<string> {
  const token = await deps.connections.token(s.tenantId, s.connectionId);
  if (!token)
    throw new DomainError(
      'conflict',
      `Connection ${s.connectionId} has no usable Meta token; reconnect it`,
      'connection_not_usable',
    );
  return token;
}
