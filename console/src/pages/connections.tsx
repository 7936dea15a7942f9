/** Connect a Meta account (only the permissions of the chosen features are asked for) and see connections. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useApi, useConnections, usePermissions, type Connection } from '../api/api-context';
import { unwrap } from '../api/client';
import { Choices } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, Empty, Loading, PageHeader, Time } from '../components/ui';
import { FEATURE_LABELS, featureLabel } from '../lib/features';
import { tokenWarning } from '../lib/token-status';

export function ConnectionsPage() {
  const connections = useConnections();
  return (
    <>
      <PageHeader title="Meta connections" />
      <ConnectForm />
      <section aria-labelledby="connections-heading">
        <h2 id="connections-heading">Connected accounts</h2>
        {connections.isPending ? <Loading what="connections" /> : null}
        <ProblemAlert error={connections.error} />
        {connections.data && connections.data.items.length === 0 ? (
          <Empty>No Meta account is connected yet.</Empty>
        ) : null}
        <ul className="cards">
          {connections.data?.items.map((c) => (
            <ConnectionCard key={c.id} connection={c} />
          ))}
        </ul>
      </section>
    </>
  );
}

function ConnectionCard({ connection: c }: { connection: Connection }) {
  const warning = tokenWarning(c);
  return (
    <li className="card">
      <div className="card-head">
        <h3>{c.metaUser.name ?? c.metaUser.id}</h3>
        <Badge status={c.status} />
      </div>
      <p>Features: {c.features.map(featureLabel).join(', ')}</p>
      {c.missingFeatures.length > 0 ? (
        <p className="alert alert-warn">
          Missing permissions for {c.missingFeatures.map((m) => featureLabel(m.feature)).join(', ')}.
        </p>
      ) : null}
      {warning ? <p className={`alert alert-${warning.tone}`}>{warning.text}</p> : null}
      <p className="muted">
        Token expires <Time iso={c.tokenExpiresAt} />
      </p>
      {c.status !== 'revoked' ? <Link to={`/connections/${c.id}`}>Permissions and assets</Link> : null}
    </li>
  );
}

function ConnectForm() {
  const api = useApi();
  const permissions = usePermissions();
  const [features, setFeatures] = useState<string[]>(['leads']);
  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/connections/meta', {
          body: {
            features: features as Array<'leads'>,
            returnUrl: `${window.location.origin}${import.meta.env.BASE_URL}connections/callback`,
          },
        }),
      ),
    // Meta's login dialog is a full-page visit; Meta sends the person back to the callback page
    onSuccess: (started) => window.location.assign(started.authUrl),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const registry = permissions.data?.items ?? [];
  const asked = registry.filter((p) => p.features.some((f) => f === 'connect' || features.includes(f)));
  return (
    <section aria-labelledby="connect-heading" className="card">
      <h2 id="connect-heading">Connect a Meta account</h2>
      <p>
        Choose what the service may do. Meta asks the person only for the permissions these features need.
      </p>
      <form onSubmit={submit}>
        <ProblemAlert error={start.error} title="Could not start connecting" />
        <Choices legend="Features" name="features" error={start.error}>
          {(permissions.data?.features ?? []).map((f) => (
            <label key={f} className="choice">
              <input
                type="checkbox"
                name="features"
                value={f}
                checked={features.includes(f)}
                onChange={(e) =>
                  setFeatures((cur) => (e.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))
                }
              />
              <span>
                <strong>{featureLabel(f)}</strong> — {FEATURE_LABELS[f]?.does}
              </span>
            </label>
          ))}
        </Choices>
        <details>
          <summary>{asked.length} permissions will be requested</summary>
          <ul className="permission-list">
            {asked.map((p) => (
              <li key={p.permission}>
                <code>{p.permission}</code> — {p.why}
              </li>
            ))}
          </ul>
        </details>
        <button type="submit" className="primary" disabled={start.isPending || features.length === 0}>
          Connect with Meta
        </button>
      </form>
    </section>
  );
}
