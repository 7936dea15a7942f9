/** Sign in: a tenant picker with dev tokens locally, the issuer's own page (PKCE) in AWS. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';

const RECENT = 'mbc.recentTenants';

function recentTenants(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string').slice(0, 8) : [];
  } catch {
    return [];
  }
}

function remember(tenant: string) {
  localStorage.setItem(
    RECENT,
    JSON.stringify([tenant, ...recentTenants().filter((t) => t !== tenant)].slice(0, 8)),
  );
}

export function SignInPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const from = params.get('from');
  const target = from && from.startsWith('/') && !from.startsWith('//') ? from : '/connections';
  const [tenant, setTenant] = useState(() => recentTenants()[0] ?? 'demo');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (auth.session) return <Navigate to={target} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (auth.config.auth.kind === 'local') {
        await auth.signInLocal(tenant.trim());
        remember(tenant.trim());
        navigate(target, { replace: true });
      } else {
        await auth.signInOidc(target);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const local = auth.config.auth.kind === 'local';
  return (
    <main id="main" className="sign-in">
      <h1>Meta Business Connector</h1>
      <p className="lead">
        Sign in to connect Meta, approve posts, replies and campaigns, and work your leads.
      </p>
      {auth.endedBecause ? (
        <p className="alert alert-warn" role="status">
          {auth.endedBecause}
        </p>
      ) : null}
      <ProblemAlert error={error} title="Sign-in failed" />
      <form onSubmit={(e) => void submit(e)} className="card">
        {local ? (
          <>
            <Field
              label="Tenant"
              hint="Local runtime only: the console gets a development token for this tenant. Each tenant has its own data."
            >
              {(p) => (
                <input
                  {...p}
                  name="tenant"
                  list="recent-tenants"
                  required
                  pattern="[A-Za-z0-9._\-]{1,64}"
                  autoComplete="off"
                  value={tenant}
                  onChange={(e) => setTenant(e.target.value)}
                />
              )}
            </Field>
            <datalist id="recent-tenants">
              {[...new Set(['demo', ...recentTenants()])].map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <button type="submit" className="primary" disabled={busy}>
              Sign in
            </button>
          </>
        ) : (
          <button type="submit" className="primary" disabled={busy}>
            Sign in with {(auth.config.auth.kind === 'oidc' && auth.config.auth.label) || 'your organisation'}
          </button>
        )}
      </form>
    </main>
  );
}

export function AuthCallbackPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // the code can be redeemed once, even when an effect runs twice
  const redeemed = useRef(false);
  useEffect(() => {
    if (redeemed.current) return;
    redeemed.current = true;
    auth.completeOidc().then(
      (to) => navigate(to, { replace: true }),
      (err: unknown) => setError(err),
    );
  }, [auth, navigate]);
  return (
    <main id="main" className="sign-in">
      <h1>Signing you in…</h1>
      <ProblemAlert error={error} title="Sign-in failed" />
    </main>
  );
}
