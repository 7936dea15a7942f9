/**
 * Ads: campaign drafts (every field the API refuses is shown next to it), the campaigns with their status
 * and spend, and the recommendations with the figures behind them.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory, type AssetDirectory } from '../api/api-context';
import { ApiProblem, unwrap, type Schemas } from '../api/client';
import { Choices, Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Badge, Empty, Loading, PageHeader } from '../components/ui';
import { formatMajor, formatMinor, toMinor } from '../lib/currency';
import { explain } from '../lib/reasons';

type Draft = Schemas['CampaignDraft'];

const OBJECTIVES: Array<[Draft['objective'], string]> = [
  ['OUTCOME_LEADS', 'Leads (Lead Ads form)'],
  ['OUTCOME_TRAFFIC', 'Traffic'],
  ['OUTCOME_AWARENESS', 'Awareness'],
  ['OUTCOME_ENGAGEMENT', 'Engagement'],
];
/** the categories Meta offers today (CREDIT became FINANCIAL_PRODUCTS_SERVICES in January 2025) */
const SPECIAL = [
  'FINANCIAL_PRODUCTS_SERVICES',
  'EMPLOYMENT',
  'HOUSING',
  'ISSUES_ELECTIONS_POLITICS',
] as const;

export function AdsPage() {
  const api = useApi();
  const assets = useAssetDirectory();
  const campaigns = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns', { params: { query: { limit: 200 } } })),
    refetchInterval: 3000,
  });
  const currencyOf = (adAccountId: string) => assets.adAccounts.find((a) => a.id === adAccountId)?.currency;
  return (
    <>
      <PageHeader title="Ads" />
      <CampaignDraftForm assets={assets} />
      <section aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading">Campaigns</h2>
        <ProblemAlert error={campaigns.error} />
        {campaigns.isPending ? <Loading what="campaigns" /> : null}
        {campaigns.data && campaigns.data.items.length === 0 ? <Empty>No campaign yet.</Empty> : null}
        {campaigns.data && campaigns.data.items.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Status</th>
                  <th scope="col">At Meta</th>
                  <th scope="col">Daily budget</th>
                  <th scope="col">Spend</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/ads/${c.id}`}>{c.name}</Link>
                      <div className="muted">{assets.name(c.adAccountId)}</div>
                    </td>
                    <td>
                      <Badge status={c.status} />
                    </td>
                    <td>{c.sync?.effectiveStatus ?? (c.meta.campaignId ? 'created' : '—')}</td>
                    <td>{formatMinor(c.dailyBudget, currencyOf(c.adAccountId))}</td>
                    <td>{c.sync ? formatMajor(c.sync.spend, currencyOf(c.adAccountId)) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <Recommendations />
    </>
  );
}

export function Recommendations({ campaignId }: { campaignId?: string }) {
  const api = useApi();
  const recs = useQuery({
    queryKey: ['recommendations'],
    queryFn: () => unwrap(api.GET('/api/v1/insights/recommendations')),
  });
  const items = (recs.data?.items ?? []).filter((r) => !campaignId || r.campaignId === campaignId);
  return (
    <section aria-labelledby="recs-heading">
      <h2 id="recs-heading">Recommendations</h2>
      <ProblemAlert error={recs.error} />
      {recs.data && items.length === 0 ? (
        <Empty>No recommendation: nothing looks off this week.</Empty>
      ) : null}
      <ul className="cards">
        {items.map((r) => (
          <li key={`${r.campaignId}${r.kind}`} className="card">
            <h3>{r.kind === 'spend_without_leads' ? 'Spending without leads' : 'Cost per lead doubled'}</h3>
            <p>{r.message}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col">Spend</th>
                  <th scope="col">Leads</th>
                  <th scope="col">Cost per lead</th>
                </tr>
              </thead>
              <tbody>
                {(['thisWeek', 'lastWeek'] as const).map((w) => (
                  <tr key={w}>
                    <td>{w === 'thisWeek' ? 'This week' : 'Last week'}</td>
                    <td>{r.figures[w].spend.toFixed(2)}</td>
                    <td>{r.figures[w].leads}</td>
                    <td>{r.figures[w].costPerLead === null ? '—' : r.figures[w].costPerLead.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!campaignId ? <Link to={`/ads/${r.campaignId}`}>Open the campaign</Link> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const inAnHour = () => {
  const d = new Date(Date.now() + 3_600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function CampaignDraftForm({ assets }: { assets: AssetDirectory }) {
  const api = useApi();
  const queries = useQueryClient();
  const accounts = assets.adAccounts.filter((a) => a.selected);
  const pages = assets.pages.filter((p) => p.selected);
  const [f, setF] = useState({
    adAccountId: '',
    name: '',
    objective: 'OUTCOME_LEADS' as Draft['objective'],
    budget: '20',
    startTime: inAnHour(),
    endTime: '',
    special: [] as string[],
    countries: 'PT',
    ageMin: '18',
    ageMax: '65',
    advantageAudience: false,
    dsaBeneficiary: '',
    dsaPayor: '',
    pageId: '',
    message: '',
    link: '',
    imageUrl: '',
    postId: '',
    leadFormId: '',
    extra: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const adAccountId = f.adAccountId || accounts[0]?.id || '';
  const pageId = f.pageId || pages[0]?.id || '';
  const currency = accounts.find((a) => a.id === adAccountId)?.currency;
  const forms = assets.leadForms.filter((lf) => lf.pageId === pageId);
  const create = useMutation({
    mutationFn: async () => {
      let extra: Record<string, unknown> = {};
      if (f.extra.trim()) {
        try {
          extra = JSON.parse(f.extra) as Record<string, unknown>;
        } catch {
          throw new ApiProblem(
            400,
            'More fields are not JSON',
            'Write them as a JSON object.',
            'invalid_json',
            [],
          );
        }
      }
      const body = {
        adAccountId,
        name: f.name,
        objective: f.objective,
        dailyBudget: toMinor(Number(f.budget), currency),
        startTime: new Date(f.startTime).toISOString(),
        ...(f.endTime ? { endTime: new Date(f.endTime).toISOString() } : {}),
        specialAdCategories: f.special as Draft['specialAdCategories'],
        targeting: {
          countries: f.countries
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((c) => c.toUpperCase()),
          ageMin: Number(f.ageMin),
          ageMax: Number(f.ageMax),
        },
        advantageAudience: f.advantageAudience,
        ...(f.dsaBeneficiary.trim()
          ? {
              dsa: {
                beneficiary: f.dsaBeneficiary.trim(),
                ...(f.dsaPayor.trim() ? { payor: f.dsaPayor.trim() } : {}),
              },
            }
          : {}),
        creative: {
          pageId,
          ...(f.message ? { message: f.message } : {}),
          ...(f.link ? { link: f.link } : {}),
          ...(f.imageUrl ? { imageUrl: f.imageUrl } : {}),
          ...(f.postId ? { postId: f.postId } : {}),
        },
        ...(f.objective === 'OUTCOME_LEADS' && (f.leadFormId || forms[0])
          ? { leadFormId: f.leadFormId || forms[0]!.id }
          : {}),
        // fields this form does not know yet (the API names any it misses)
        ...extra,
      } as Draft;
      return unwrap(api.POST('/api/v1/campaigns', { body }));
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['campaigns'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = create.error;
  return (
    <section aria-labelledby="draft-campaign-heading" className="card">
      <h2 id="draft-campaign-heading">New campaign</h2>
      <p>
        Nothing is created at Meta until the draft is approved; then it is created paused, and launching it is
        a separate step.
      </p>
      <form onSubmit={submit} className="grid-form">
        <ProblemAlert error={err} title="The draft was refused" />
        <Field label="Ad account" name="adAccountId" error={err}>
          {(p) => (
            <select {...p} value={adAccountId} onChange={set('adAccountId')}>
              {accounts.length === 0 ? (
                <option value="">Select an ad account on a connection first</option>
              ) : null}
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.currency ?? '?'})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" name="name" error={err}>
          {(p) => <input {...p} value={f.name} onChange={set('name')} />}
        </Field>
        <Field label="Objective" name="objective" error={err}>
          {(p) => (
            <select {...p} value={f.objective} onChange={set('objective')}>
              {OBJECTIVES.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`Daily budget (${currency ?? 'account currency'})`} name="dailyBudget" error={err}>
          {(p) => (
            <input
              {...p}
              type="number"
              min="0"
              step="0.01"
              inputMode="decimal"
              value={f.budget}
              onChange={set('budget')}
            />
          )}
        </Field>
        <Field label="Start" name="startTime" error={err}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              data-volatile=""
              value={f.startTime}
              onChange={set('startTime')}
            />
          )}
        </Field>
        <Field label="End (optional)" name="endTime" error={err}>
          {(p) => <input {...p} type="datetime-local" value={f.endTime} onChange={set('endTime')} />}
        </Field>
        <Choices legend="Special ad categories" name="specialAdCategories" error={err}>
          {SPECIAL.map((s) => (
            <label key={s} className="choice">
              <input
                type="checkbox"
                checked={f.special.includes(s)}
                onChange={(e) =>
                  setF({
                    ...f,
                    special: e.target.checked ? [...f.special, s] : f.special.filter((x) => x !== s),
                  })
                }
              />
              <span>{s.replace(/_/g, ' ').toLowerCase()}</span>
            </label>
          ))}
        </Choices>
        <Field
          label="Countries"
          name="targeting.countries"
          error={err}
          hint="Two-letter codes, separated by commas"
        >
          {(p) => <input {...p} value={f.countries} onChange={set('countries')} />}
        </Field>
        <Field label="Minimum age" name="targeting.ageMin" error={err}>
          {(p) => <input {...p} type="number" min="13" max="65" value={f.ageMin} onChange={set('ageMin')} />}
        </Field>
        <Field label="Maximum age" name="targeting.ageMax" error={err}>
          {(p) => <input {...p} type="number" min="13" max="65" value={f.ageMax} onChange={set('ageMax')} />}
        </Field>
        <Choices legend="Audience" name="advantageAudience" error={err}>
          <label className="choice">
            <input
              type="checkbox"
              checked={f.advantageAudience}
              onChange={(e) => setF({ ...f, advantageAudience: e.target.checked })}
            />
            <span>Advantage+ audience: let Meta widen the targeting above</span>
          </label>
        </Choices>
        <Field
          label="Beneficiary (EU)"
          name="dsa.beneficiary"
          error={err}
          hint="Who the ad benefits; required when it reaches the EU (Digital Services Act)"
        >
          {(p) => <input {...p} value={f.dsaBeneficiary} onChange={set('dsaBeneficiary')} />}
        </Field>
        <Field
          label="Payer (EU, optional)"
          name="dsa.payor"
          error={err}
          hint="Who pays for the ad, when not the beneficiary"
        >
          {(p) => <input {...p} value={f.dsaPayor} onChange={set('dsaPayor')} />}
        </Field>
        <Field label="Page the ad runs for" name="creative.pageId" error={err}>
          {(p) => (
            <select {...p} value={pageId} onChange={set('pageId')}>
              {pages.map((pg) => (
                <option key={pg.id} value={pg.id}>
                  {pg.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {f.objective === 'OUTCOME_LEADS' ? (
          <Field label="Lead form" name="leadFormId" error={err}>
            {(p) => (
              <select {...p} value={f.leadFormId || forms[0]?.id || ''} onChange={set('leadFormId')}>
                {forms.length === 0 ? <option value="">No lead form on this Page</option> : null}
                {forms.map((lf) => (
                  <option key={lf.id} value={lf.id}>
                    {lf.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="Ad text" name="creative.message" error={err}>
          {(p) => <textarea {...p} rows={3} value={f.message} onChange={set('message')} />}
        </Field>
        <Field label="Link" name="creative.link" error={err}>
          {(p) => <input {...p} type="url" value={f.link} onChange={set('link')} placeholder="https://" />}
        </Field>
        <Field label="Image URL" name="creative.imageUrl" error={err}>
          {(p) => (
            <input {...p} type="url" value={f.imageUrl} onChange={set('imageUrl')} placeholder="https://" />
          )}
        </Field>
        <Field
          label="Or an existing Page post id"
          name="creative.postId"
          error={err}
          hint="PAGEID_POSTID; not for lead campaigns"
        >
          {(p) => <input {...p} value={f.postId} onChange={set('postId')} />}
        </Field>
        <Field
          label="More fields (JSON, optional)"
          error={err}
          hint="Fields this form does not show yet, merged into the draft"
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={f.extra}
              onChange={set('extra')}
              placeholder='{"endTime": "2027-01-31T00:00:00Z"}'
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            Save campaign draft
          </button>
        </div>
        {create.data ? (
          <p className="alert alert-ok" role="status">
            Draft saved: <Link to={`/ads/${create.data.id}`}>{create.data.name}</Link>.{' '}
            {explain(create.data.approvalReason)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
