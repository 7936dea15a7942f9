/**
 * The console's security headers, one definition for both places that serve it: CloudFront's response
 * headers policy in AWS and the local runtime's static server. The bundle has no inline script or style,
 * so the policy allows only this origin plus the API and the sign-in issuer it must reach.
 */
export interface ConsoleCspSources {
  /** origins the SPA calls with fetch: the API, the OIDC issuer and its token endpoint */
  connect: readonly string[];
}

export function consoleContentSecurityPolicy(sources: ConsoleCspSources): string {
  const connect = ["'self'", ...new Set(sources.connect.filter(Boolean))].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // post previews show the https media a draft names
    "img-src 'self' https:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The other headers, as name → value (CloudFront sets HSTS itself from its own policy fields). */
export const CONSOLE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
} as const;
