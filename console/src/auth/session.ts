/** The signed-in person as the console keeps it: in session storage, so it ends with the tab. */
import { jwtClaims } from './jwt';

export interface Session {
  kind: 'local' | 'oidc';
  token: string;
  tenantId: string | null;
  subject: string | null;
  /** epoch ms */
  expiresAt: number | null;
}

const KEY = 'mbc.session';

export function sessionFromToken(kind: Session['kind'], token: string, tenantClaim: string): Session {
  const claims = jwtClaims(token);
  return {
    kind,
    token,
    tenantId: typeof claims[tenantClaim] === 'string' ? (claims[tenantClaim] as string) : null,
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export function loadStoredSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt !== null && s.expiresAt <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
