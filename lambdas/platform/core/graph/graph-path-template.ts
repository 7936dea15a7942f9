/**
 * A Graph path with its ids taken out: `1234567890/leads` → `/{id}/leads`, `act_42/campaigns` →
 * `/act_{id}/campaigns`. Traces and metrics name a call by it, so they group by endpoint and carry no id
 * (an id can name a person: a lead, a user, a conversation). Edge names are lowercase words and
 * underscores (`subscribed_apps`, `media_publish`, `me`); any other segment is taken for an id.
 */
const EDGE = /^[a-z][a-z_]*$/;
const AD_ACCOUNT = /^act_\d+$/;

export function graphPathTemplate(path: string): string {
  const segments = (path.split('?')[0] ?? '').split('/').filter(Boolean);
  return `/${segments.map((s) => (EDGE.test(s) ? s : AD_ACCOUNT.test(s) ? 'act_{id}' : '{id}')).join('/')}`;
}
