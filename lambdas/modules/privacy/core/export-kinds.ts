/**
 * What a tenant's export holds, decided per stored kind. The export is the tenant's copy of its data, so
 * every kind of data goes in, readable: sealed inbox text is opened, because a ciphertext is no copy to
 * the person it is about. The service's own machinery (keys, locks, request replays, pacing) stays out: it
 * describes nobody and some of it, like a wrapped data key, is key material. A kind not listed here goes in,
 * so a new kind of data can never be forgotten by the export.
 */
import { fieldAad } from '../../inbox/contracts/sealed-fields';

export type ExportTreatment =
  | { include: true }
  | {
      include: false;
      reason: 'secret' | 'key_material' | 'request_replay' | 'flow_state' | 'pacing' | 'the_export_itself';
    };

const LEFT_OUT: Readonly<Record<string, Exclude<ExportTreatment, { include: true }>['reason']>> = {
  // a Page token: a credential, never handed out
  'page-token': 'secret',
  // the tenant's inbox data key, wrapped by KMS
  'data-key': 'key_material',
  // stored API answers kept to replay an `Idempotency-Key`; their data is exported as itself
  'idempotency-key': 'request_replay',
  // a pending OAuth round trip (state and PKCE verifier), minutes long
  'oauth-state': 'flow_state',
  // who claimed a deletion request's purge, for how long
  'deletion-request-claim': 'flow_state',
  // app-wide and ad-account waits after Meta's rate limits
  'graph-pause': 'pacing',
  'ad-pace': 'pacing',
  export: 'the_export_itself',
};

export function exportTreatment(entity: string): ExportTreatment {
  const reason = LEFT_OUT[entity];
  return reason ? { include: false, reason } : { include: true };
}

/** A sealed field, the readable field it becomes, and the additional data it was sealed with. */
interface SealedField {
  sealed: string;
  readable: string;
  aad: (item: { id: string }) => string;
}

export const SEALED_FIELDS: Readonly<Record<string, readonly SealedField[]>> = {
  'inbox-message': [{ sealed: 'textCipher', readable: 'text', aad: (m) => fieldAad.messageText(m.id) }],
  'inbox-reply': [{ sealed: 'textCipher', readable: 'text', aad: (r) => fieldAad.replyText(r.id) }],
  conversation: [
    { sealed: 'previewCipher', readable: 'preview', aad: (c) => fieldAad.preview(c.id) },
    { sealed: 'contactNameCipher', readable: 'contactName', aad: (c) => fieldAad.contactName(c.id) },
  ],
};
