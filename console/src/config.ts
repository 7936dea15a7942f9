/**
 * What the console needs to know about where it runs, read from `config.json` next to `index.html`:
 * the API's base URL and how people sign in. Locally the runtime serves it (dev tokens); in AWS the
 * stack writes it (Cognito's hosted UI or the configured OIDC issuer, authorization code with PKCE).
 */
export type AuthSettings =
  | { kind: 'local'; tenantClaim: string }
  | {
      kind: 'oidc';
      /** the issuer; its discovery document names the authorization and token endpoints */
      authority: string;
      clientId: string;
      scope: string;
      /** which token the API's JWT authorizer accepts: Cognito's tenant claim is in the ID token */
      token: 'id_token' | 'access_token';
      tenantClaim: string;
      /** where signing out ends the issuer's session (Cognito's /logout), if it has one */
      logoutUrl?: string;
      label?: string;
    };

export interface ConsoleConfig {
  /** the API's base URL; empty = this origin */
  apiUrl: string;
  auth: AuthSettings;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  const raw = (await res.json()) as Partial<ConsoleConfig>;
  if (!raw.auth || (raw.auth.kind !== 'local' && raw.auth.kind !== 'oidc'))
    throw new Error('config.json names no sign-in method');
  return { apiUrl: (raw.apiUrl ?? '').replace(/\/+$/, ''), auth: raw.auth };
}

export const apiBase = (config: ConsoleConfig): string => config.apiUrl || window.location.origin;
