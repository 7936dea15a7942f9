/**
 * The field mapping of one form: each question key → a CRM field. Keys come from the form's recent leads
 * and the current mapping; Meta's standard keys map by default.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap } from '../api/client';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Empty, Loading, PageHeader } from '../components/ui';

export function LeadMappingPage() {
  const api = useApi();
  const assets = useAssetDirectory();
  const [params, setParams] = useSearchParams();
  const forms = assets.leadForms;
  const formId = params.get('formId') ?? forms.find((f) => f.selected)?.id ?? forms[0]?.id ?? '';
  const queries = useQueryClient();
  const mapping = useQuery({
    queryKey: ['mapping', formId],
    enabled: formId !== '',
    queryFn: () => unwrap(api.GET('/api/v1/lead-forms/{formId}/mapping', { params: { path: { formId } } })),
  });
  const recent = useQuery({
    queryKey: ['leads', { formId, sample: true }],
    enabled: formId !== '',
    queryFn: () => unwrap(api.GET('/api/v1/leads', { params: { query: { formId, limit: 50 } } })),
  });
  const [rows, setRows] = useState<Array<{ key: string; field: string }>>([]);
  useEffect(() => {
    if (!mapping.data) return;
    const keys = new Set<string>(Object.keys(mapping.data.fields));
    for (const l of recent.data?.items ?? []) for (const k of Object.keys(l.customFields)) keys.add(k);
    setRows([...keys].sort().map((key) => ({ key, field: mapping.data.fields[key] ?? '' })));
  }, [mapping.data, recent.data]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/lead-forms/{formId}/mapping', {
          params: { path: { formId } },
          body: {
            fields: Object.fromEntries(rows.filter((r) => r.key && r.field).map((r) => [r.key, r.field])),
          },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['mapping', formId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <PageHeader title="Lead field mapping">
        <Link to="/leads">All leads</Link>
      </PageHeader>
      {assets.loading ? <Loading what="forms" /> : null}
      {!assets.loading && forms.length === 0 ? (
        <Empty>Connect Meta and select a lead form first.</Empty>
      ) : null}
      {forms.length > 0 ? (
        <Field label="Form">
          {(p) => (
            <select {...p} value={formId} onChange={(e) => setParams({ formId: e.target.value })}>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <ProblemAlert error={mapping.error} />
      {mapping.data ? (
        <form onSubmit={submit} className="card">
          <p>
            Standard questions map by default (
            {Object.entries(mapping.data.defaults)
              .slice(0, 4)
              .map(([k, v]) => `${k} → ${v}`)
              .join(', ')}
            , …). Map the form’s own questions to your CRM fields; unmapped answers are kept as custom fields.
          </p>
          <ProblemAlert error={save.error} title="The mapping was not saved" />
          {rows.length === 0 ? <Empty>No custom question seen on this form yet.</Empty> : null}
          {rows.map((row, i) => (
            <div className="row" key={i}>
              <Field label="Question key">
                {(p) => (
                  <input
                    {...p}
                    value={row.key}
                    onChange={(e) =>
                      setRows(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))
                    }
                  />
                )}
              </Field>
              <Field label="CRM field" name={`fields.${row.key}`} error={save.error}>
                {(p) => (
                  <input
                    {...p}
                    value={row.field}
                    placeholder="e.g. pickupDay"
                    onChange={(e) =>
                      setRows(rows.map((r, j) => (j === i ? { ...r, field: e.target.value } : r)))
                    }
                  />
                )}
              </Field>
            </div>
          ))}
          <div className="form-actions">
            <button type="button" onClick={() => setRows([...rows, { key: '', field: '' }])}>
              Add a question
            </button>
            <button type="submit" className="primary" disabled={save.isPending}>
              Save mapping
            </button>
          </div>
          {save.isSuccess ? (
            <p className="alert alert-ok" role="status">
              Mapping saved: new leads of this form use it.
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
