/**
 * One connection: granted and missing permissions per feature with what each is used for (the scope
 * registry, through GET /permissions), and the asset selection.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, usePermissions, type AssetCatalog } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Choices } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, ConfirmButton, Loading, PageHeader, Time } from '../components/ui';
import { featureLabel } from '../lib/features';
import { tokenWarning } from '../lib/token-status';

type Selection = Record<keyof AssetCatalog, string[]>;

const KIND_LABELS: Array<[keyof AssetCatalog, string]> = [
  ['businesses', 'Businesses'],
  ['pages', 'Facebook Pages'],
  ['instagramAccounts', 'Instagram accounts'],
  ['adAccounts', 'Ad accounts'],
  ['leadForms', 'Lead forms'],
  ['whatsappNumbers', 'WhatsApp numbers'],
];

export function ConnectionPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const connection = useQuery({
    queryKey: ['connection', id],
    queryFn: () => unwrap(api.GET('/api/v1/connections/{id}', { params: { path: { id } } })),
  });
  const c = connection.data;
  const warning = c ? tokenWarning(c) : null;
  return (
    <>
      <PageHeader title={c ? `Connection: ${c.metaUser.name ?? c.metaUser.id}` : 'Connection'} />
      {connection.isPending ? <Loading what="the connection" /> : null}
      <ProblemAlert error={connection.error} />
      {c ? (
        <>
          <p>
            <Badge status={c.status} /> Connected <Time iso={c.consentedAt} />; token checked{' '}
            <Time iso={c.tokenCheckedAt} mode="relative" />.
          </p>
          {warning ? <p className={`alert alert-${warning.tone}`}>{warning.text}</p> : null}
          <PermissionsByFeature connection={c} />
          <AssetSelection connectionId={c.id} selection={c.selection as Selection} />
        </>
      ) : null}
    </>
  );
}

function PermissionsByFeature({ connection: c }: { connection: Schemas['Connection'] }) {
  const registry = usePermissions();
  const granted = new Set(c.grantedScopes);
  const features = ['connect', ...c.features];
  return (
    <section aria-labelledby="permissions-heading">
      <h2 id="permissions-heading">Permissions by feature</h2>
      {c.missingFeatures.length > 0 ? (
        <p className="alert alert-warn">
          Not granted by the person, so these features cannot work until the account is connected again with
          them:{' '}
          {c.missingFeatures
            .map((m) => `${featureLabel(m.feature)} (${m.missingScopes.join(', ')})`)
            .join('; ')}
          .
        </p>
      ) : null}
      <ProblemAlert error={registry.error} />
      {features.map((f) => {
        const needed = (registry.data?.items ?? []).filter((p) => p.features.includes(f as never));
        return (
          <div key={f} className="feature-permissions">
            <h3>{featureLabel(f)}</h3>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Permission</th>
                    <th scope="col">Status</th>
                    <th scope="col">Used for</th>
                  </tr>
                </thead>
                <tbody>
                  {needed.map((p) => (
                    <tr key={p.permission}>
                      <td>
                        <code>{p.permission}</code>
                      </td>
                      <td>
                        {granted.has(p.permission) ? (
                          <Badge status="success">granted</Badge>
                        ) : (
                          <Badge status="failure">missing</Badge>
                        )}
                      </td>
                      <td>{p.why}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function AssetSelection({ connectionId, selection }: { connectionId: string; selection: Selection }) {
  const api = useApi();
  const queries = useQueryClient();
  const [refresh, setRefresh] = useState(false);
  const assets = useQuery({
    queryKey: ['assets', connectionId, refresh],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/connections/{id}/assets', {
          params: { path: { id: connectionId }, query: refresh ? { refresh: 'true' } : {} },
        }),
      ),
  });
  const [chosen, setChosen] = useState<Selection>(selection);
  useEffect(() => setChosen(selection), [selection]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/connections/{id}/selection', {
          params: { path: { id: connectionId } },
          body: chosen,
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['connection', connectionId] });
      void queries.invalidateQueries({ queryKey: ['connections'] });
      void queries.invalidateQueries({ queryKey: ['assets'] });
    },
  });
  // revoking one asset: the service stops acting on it at once and its data is purged
  const revoke = useMutation({
    mutationFn: (asset: { id: string; name: string }) =>
      unwrap(
        api.DELETE('/api/v1/connections/{id}/assets/{assetId}', {
          params: { path: { id: connectionId, assetId: asset.id } },
        }),
      ).then((r) => ({ ...r, name: asset.name })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['connection', connectionId] });
      void queries.invalidateQueries({ queryKey: ['assets'] });
    },
  });
  const toggle = (kind: keyof AssetCatalog, id: string, on: boolean) =>
    setChosen((cur) => ({
      ...cur,
      [kind]: on ? [...(cur[kind] ?? []), id] : (cur[kind] ?? []).filter((x) => x !== id),
    }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="assets-heading">
      <h2 id="assets-heading">Assets the service may act on</h2>
      {assets.isPending ? <Loading what="assets from Meta" /> : null}
      <ProblemAlert error={assets.error} />
      {assets.data ? (
        <form onSubmit={submit} className="asset-form">
          <ProblemAlert error={save.error} title="The selection was not saved" />
          <ProblemAlert error={revoke.error} title="The asset was not revoked" />
          {revoke.data ? (
            <p className="alert alert-ok" role="status">
              Revoked {revoke.data.name}
              {revoke.data.alsoRevoked.length > 0
                ? ` and its ${revoke.data.alsoRevoked.length} lead form(s)`
                : ''}
              : the service no longer acts on it, and the data kept for it is being deleted.
            </p>
          ) : null}
          {KIND_LABELS.map(([kind, label]) => (
            <Choices key={kind} legend={label} name={kind} error={save.error}>
              {assets.data[kind].length === 0 ? <p className="muted">None on this account.</p> : null}
              {assets.data[kind].map((a) => (
                <div key={a.id} className="choice-row">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={(chosen[kind] ?? []).includes(a.id)}
                      onChange={(e) => toggle(kind, a.id, e.target.checked)}
                    />
                    <span>
                      {a.name} <span className="muted">({a.id})</span>
                    </span>
                  </label>
                  {kind === 'businesses' ? null : (
                    <ConfirmButton
                      label={`Revoke ${a.name}`}
                      confirmLabel="Revoke and delete its data"
                      tone="danger"
                      disabled={revoke.isPending}
                      onConfirm={() => revoke.mutate(a)}
                    />
                  )}
                </div>
              ))}
            </Choices>
          ))}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save selection
            </button>
            <button type="button" onClick={() => setRefresh(true)} disabled={assets.isFetching}>
              Refresh from Meta
            </button>
          </div>
          {save.data ? (
            <p className="alert alert-ok" role="status">
              Selection saved. Subscribed {save.data.subscribed.length} Page(s) to webhooks
              {save.data.subscribedFields.length > 0 ? ` (${save.data.subscribedFields.join(', ')})` : ''}.
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
