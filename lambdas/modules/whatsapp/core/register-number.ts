/**
 * Registering a selected number for Cloud API use with its two-step verification PIN, and deregistering
 * it. The PIN goes to Meta once: it is never stored, logged or audited (the audit entry says only that
 * the number was registered).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/registration/
 */
import { invalid } from '../../../platform/core/errors';
import { PIN_PATTERN } from '../contracts/meta-limits';
import type { NumberRegistration, WhatsAppDeps } from '../ports';
import { atMeta } from './meta-refusal';
import { numberAccess } from './whatsapp-access';
import { recordAudit } from '../../../platform/core/record-audit';

export async function registerNumber(
  deps: WhatsAppDeps,
  tenantId: string,
  phoneNumberId: string,
  pin: string,
  actor: string,
): Promise<Omit<NumberRegistration, 'tenantId' | 'connectionId'>> {
  // checked again here: a caller that skipped the schema must not send Meta a malformed PIN
  if (!PIN_PATTERN.test(pin))
    throw invalid(
      'The two-step verification PIN is exactly 6 digits',
      [{ field: 'body.pin', message: 'exactly 6 digits' }],
      'invalid_pin',
    );
  const n = await numberAccess(deps, tenantId, phoneNumberId);
  return changeRegistration(deps, n, actor, true, () =>
    deps.graph.registerNumber(phoneNumberId, n.token, pin),
  );
}

export async function deregisterNumber(
  deps: WhatsAppDeps,
  tenantId: string,
  phoneNumberId: string,
  actor: string,
): Promise<Omit<NumberRegistration, 'tenantId' | 'connectionId'>> {
  const n = await numberAccess(deps, tenantId, phoneNumberId);
  return changeRegistration(deps, n, actor, false, () => deps.graph.deregisterNumber(phoneNumberId, n.token));
}

async function changeRegistration(
  deps: WhatsAppDeps,
  n: { tenantId: string; connectionId: string; phoneNumberId: string; wabaId: string },
  actor: string,
  registered: boolean,
  call: () => Promise<void>,
) {
  const at = deps.clock.now().toISOString();
  const action = registered ? 'whatsapp.number.register' : 'whatsapp.number.deregister';
  const audit = (result: 'success' | 'failure', reason?: string) =>
    recordAudit(deps, {
      tenantId: n.tenantId,
      at,
      actor,
      action,
      target: `whatsapp-number:${n.phoneNumberId}`,
      result,
      ...(reason ? { reason } : {}),
      details: { connectionId: n.connectionId, wabaId: n.wabaId },
    });
  try {
    await atMeta(registered ? 'register the number' : 'deregister the number', call);
  } catch (err) {
    await audit('failure', (err as { reason?: string }).reason ?? 'error');
    throw err;
  }
  const record: NumberRegistration = {
    tenantId: n.tenantId,
    connectionId: n.connectionId,
    phoneNumberId: n.phoneNumberId,
    wabaId: n.wabaId,
    registered,
    at,
  };
  await deps.store.putRegistration(record);
  await audit('success');
  return { phoneNumberId: n.phoneNumberId, wabaId: n.wabaId, registered, at };
}
