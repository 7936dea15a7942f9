/** Where a person may be sent back to after Meta's dialog: only origins the operator allowed. */
export interface ReturnUrlPolicy {
  allowlist: string[];
  allowLocalhost: boolean;
}

export type ReturnUrlDecision = { allowed: true; reason: string } | { allowed: false; reason: string };

export function checkReturnUrl(raw: string, policy: ReturnUrlPolicy): ReturnUrlDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'return_url_not_absolute' };
  }
  if (url.username || url.password) return { allowed: false, reason: 'return_url_has_credentials' };
  const isLocalhost =
    url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (policy.allowLocalhost && isLocalhost && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return { allowed: true, reason: 'localhost_allowed_locally' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: 'return_url_not_https' };
  const origins = new Set(
    policy.allowlist.map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        return o;
      }
    }),
  );
  if (origins.has(url.origin)) return { allowed: true, reason: 'origin_on_allowlist' };
  return { allowed: false, reason: 'return_url_not_allowed' };
}

export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
