/**
 * Sign-in. Locally: a dev token for the tenant a person picks, from the local runtime's dev-only issuer.
 * In AWS: authorization code with PKCE at Cognito's hosted UI or the configured OIDC issuer
 * (oidc-client-ts), and the token the API's JWT authorizer accepts.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { apiBase, type ConsoleConfig } from '../config';
import { loadStoredSession, sessionFromToken, storeSession, type Session } from './session';

export interface AuthState {
  config: ConsoleConfig;
  session: Session | null;
  /** true until a stored OIDC user has been looked up */
  loading: boolean;
  token(): string | undefined;
  signInLocal(tenantId: string): Promise<void>;
  signInOidc(returnTo: string): Promise<void>;
  /** completes the redirect back from the issuer; resolves to where the person was going */
  completeOidc(): Promise<string>;
  signOut(reason?: string): void;
  /** why the last session ended, when it did not end by choice */
  endedBecause: string | null;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

const basePath = import.meta.env.BASE_URL;

function userManagerFor(config: ConsoleConfig): UserManager | null {
  if (config.auth.kind !== 'oidc') return null;
  const origin = window.location.origin;
  return new UserManager({
    authority: config.auth.authority,
    client_id: config.auth.clientId,
    redirect_uri: `${origin}${basePath}auth/callback`,
    post_logout_redirect_uri: `${origin}${basePath}sign-in`,
    response_type: 'code',
    scope: config.auth.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // renews with the refresh token the issuer gave, before the ID/access token expires
    automaticSilentRenew: true,
  });
}

export function AuthProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const users = useMemo(() => userManagerFor(config), [config]);
  const [session, setSession] = useState<Session | null>(() => (users ? null : loadStoredSession()));
  const [loading, setLoading] = useState(users !== null);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const current = useRef(session);
  current.current = session;

  const fromUser = useCallback(
    (user: User | null): Session | null => {
      if (!user || user.expired || config.auth.kind !== 'oidc') return null;
      const token = config.auth.token === 'id_token' ? user.id_token : user.access_token;
      return token ? sessionFromToken('oidc', token, config.auth.tenantClaim) : null;
    },
    [config],
  );

  useEffect(() => {
    if (!users) return;
    let live = true;
    void users.getUser().then((user) => {
      if (!live) return;
      setSession(fromUser(user));
      setLoading(false);
    });
    const loaded = (user: User) => setSession(fromUser(user));
    const unloaded = () => setSession(null);
    users.events.addUserLoaded(loaded);
    users.events.addUserUnloaded(unloaded);
    return () => {
      live = false;
      users.events.removeUserLoaded(loaded);
      users.events.removeUserUnloaded(unloaded);
    };
  }, [users, fromUser]);

  const state = useMemo<AuthState>(
    () => ({
      config,
      session,
      loading,
      endedBecause,
      token: () => current.current?.token,
      async signInLocal(tenantId) {
        const res = await fetch(`${apiBase(config)}/_local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenantId }),
        });
        const body = (await res.json().catch(() => ({}))) as { token?: string; detail?: string };
        if (!res.ok || !body.token) throw new Error(body.detail ?? `the local issuer answered ${res.status}`);
        const s = sessionFromToken('local', body.token, config.auth.tenantClaim);
        storeSession(s);
        setEndedBecause(null);
        setSession(s);
      },
      async signInOidc(returnTo) {
        if (!users) throw new Error('this console signs in locally');
        await users.signinRedirect({ state: { returnTo } });
      },
      async completeOidc() {
        if (!users) throw new Error('this console signs in locally');
        const user = await users.signinRedirectCallback();
        setSession(fromUser(user));
        setEndedBecause(null);
        const to = (user.state as { returnTo?: string } | undefined)?.returnTo;
        return typeof to === 'string' && to.startsWith('/') ? to : '/';
      },
      signOut(reason) {
        storeSession(null);
        setSession(null);
        setEndedBecause(reason ?? null);
        if (users) {
          void users.removeUser();
          if (!reason && config.auth.kind === 'oidc' && config.auth.logoutUrl)
            window.location.assign(config.auth.logoutUrl);
        }
      },
    }),
    [config, session, loading, endedBecause, users, fromUser],
  );
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}
