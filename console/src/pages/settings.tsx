/** Settings: the rules that approve without a person (posts, replies), spend caps and lead stages. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useAssetDirectory } from '../api/api-context';
import { unwrap, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { ProblemAlert } from '../components/problem';
import { Empty, PageHeader } from '../components/ui';
import { formatMinor, minorDigits, toMinor } from '../lib/currency';

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" />
      <PostRules />
      <ReplyRules />
      <SpendCaps />
      <LeadStages />
    </>
  );
}

type Setting<T> = ReturnType<typeof useSetting<T>>;

/** Load a setting into an editable copy, save it whole, show the outcome. */
function useSetting<T>(key: string, load: () => Promise<T>, store: (value: T) => Promise<T>) {
  const queries = useQueryClient();
  const current = useQuery({ queryKey: ['setting', key], queryFn: load });
  const [draft, setDraft] = useState<T | null>(null);
  useEffect(() => {
    if (current.data !== undefined) setDraft(current.data);
  }, [current.data]);
  const save = useMutation({
    mutationFn: store,
    onSuccess: (saved) => queries.setQueryData(['setting', key], saved),
  });
  return { current, draft, setDraft, save };
}

function SettingForm<T>(props: {
  title: string;
  id: string;
  intro: ReactNode;
  setting: Setting<T>;
  /** what is saved (default: the edited copy) */
  value?: T;
  children: ReactNode;
}) {
  const { current, draft, save } = props.setting;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = props.value ?? draft;
    if (value !== null) save.mutate(value);
  };
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p>{props.intro}</p>
      <ProblemAlert error={current.error} />
      <form onSubmit={submit} className="card">
        <ProblemAlert error={save.error} title="Not saved" />
        {props.children}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
        </div>
        {save.isSuccess ? (
          <p className="alert alert-ok" role="status">
            Saved.
          </p>
        ) : null}
      </form>
    </section>
  );
}

function PostRules() {
  const api = useApi();
  const s = useSetting(
    'approval-rules',
    () => unwrap(api.GET('/api/v1/settings/approval-rules')),
    (body: Schemas['PostApprovalRules']) => unwrap(api.PUT('/api/v1/settings/approval-rules', { body })),
  );
  return (
    <SettingForm
      title="Post approval rules"
      id="post-rules-heading"
      intro="A post matching a rule (its author, and every target listed) is approved without a person. No rule: a person approves every post."
      setting={s}
    >
      <RuleList
        setting={s}
        empty="No rule: every post waits for a person."
        newRule={(n) => ({ id: `rule-${n}`, actors: [], targetIds: [], description: '' })}
      >
        {(r, i, update) => (
          <Field
            label="Page and Instagram ids (comma-separated)"
            name={`rules.${i}.targetIds`}
            error={s.save.error}
          >
            {(p) => (
              <input
                {...p}
                value={(r.targetIds ?? []).join(', ')}
                onChange={(e) => update({ targetIds: list(e.target.value) })}
              />
            )}
          </Field>
        )}
      </RuleList>
    </SettingForm>
  );
}

type BaseRule = { id: string; description?: string; actors?: string[] };

/**
 * The rules of one setting: what every approval rule has (an id, a description, the people whose work it
 * approves), the fields of its kind, and adding and removing rules.
 */
function RuleList<R extends BaseRule>(props: {
  setting: Setting<{ rules: R[] }>;
  empty: string;
  newRule: (n: number) => R;
  children: (rule: R, index: number, update: (patch: Partial<R>) => void) => ReactNode;
}) {
  const { draft, setDraft, save } = props.setting;
  const rules = draft?.rules ?? [];
  const update = (i: number) => (patch: Partial<R>) =>
    setDraft({ rules: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <>
      {rules.length === 0 ? <Empty>{props.empty}</Empty> : null}
      {rules.map((r, i) => (
        <fieldset key={i} className="rule">
          <legend>Rule {i + 1}</legend>
          <Field label="Rule id" name={`rules.${i}.id`} error={save.error}>
            {(p) => (
              <input {...p} value={r.id} onChange={(e) => update(i)({ id: e.target.value } as Partial<R>)} />
            )}
          </Field>
          <Field label="Description" name={`rules.${i}.description`} error={save.error}>
            {(p) => (
              <input
                {...p}
                value={r.description ?? ''}
                onChange={(e) => update(i)({ description: e.target.value } as Partial<R>)}
              />
            )}
          </Field>
          <Field label="Authors (user:…, comma-separated)" name={`rules.${i}.actors`} error={save.error}>
            {(p) => (
              <input
                {...p}
                value={(r.actors ?? []).join(', ')}
                onChange={(e) => update(i)({ actors: list(e.target.value) } as Partial<R>)}
              />
            )}
          </Field>
          {props.children(r, i, update(i))}
          <button
            type="button"
            className="link"
            onClick={() => setDraft({ rules: rules.filter((_, j) => j !== i) })}
          >
            Remove rule {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => setDraft({ rules: [...rules, props.newRule(rules.length + 1)] })}>
        Add a rule
      </button>
    </>
  );
}

const CHANNELS = ['messenger', 'instagram_dm', 'whatsapp', 'facebook_comment', 'instagram_comment'] as const;
const TYPES = ['text', 'template', 'hide', 'unhide', 'delete'] as const;

function ReplyRules() {
  const api = useApi();
  const s = useSetting(
    'reply-approval-rules',
    () => unwrap(api.GET('/api/v1/settings/reply-approval-rules')),
    (body: Schemas['ReplyApprovalRules']) =>
      unwrap(api.PUT('/api/v1/settings/reply-approval-rules', { body })),
  );
  type Rule = Schemas['ReplyApprovalRules']['rules'][number];
  const toggle = (r: Rule, key: 'channels' | 'types', value: string, on: boolean): Partial<Rule> => {
    const cur = (r[key] ?? []) as string[];
    return { [key]: on ? [...cur, value] : cur.filter((x) => x !== value) } as Partial<Rule>;
  };
  return (
    <SettingForm
      title="Reply approval rules"
      id="reply-rules-heading"
      intro="Replies and comment moderation matching a rule are sent without a person. Empty lists match everything."
      setting={s}
    >
      <RuleList
        setting={s}
        empty="No rule: every reply waits for a person."
        newRule={(n) => ({
          id: `reply-rule-${n}`,
          description: '',
          channels: [],
          assetIds: [],
          types: [],
          sources: [],
          actors: [],
          onlyPreviouslyApproved: false,
        })}
      >
        {(r, _i, update) => (
          <>
            <fieldset className="choices">
              <legend>Channels</legend>
              {CHANNELS.map((c) => (
                <label key={c} className="choice">
                  <input
                    type="checkbox"
                    checked={(r.channels ?? []).includes(c)}
                    onChange={(e) => update(toggle(r, 'channels', c, e.target.checked))}
                  />
                  <span>{c.replace(/_/g, ' ')}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="choices">
              <legend>Kinds</legend>
              {TYPES.map((t) => (
                <label key={t} className="choice">
                  <input
                    type="checkbox"
                    checked={(r.types ?? []).includes(t)}
                    onChange={(e) => update(toggle(r, 'types', t, e.target.checked))}
                  />
                  <span>{t}</span>
                </label>
              ))}
            </fieldset>
            <label className="choice">
              <input
                type="checkbox"
                checked={r.onlyPreviouslyApproved ?? false}
                onChange={(e) => update({ onlyPreviouslyApproved: e.target.checked })}
              />
              <span>Only content a person approved before (the same template or the same words)</span>
            </label>
          </>
        )}
      </RuleList>
    </SettingForm>
  );
}

function SpendCaps() {
  const api = useApi();
  const assets = useAssetDirectory();
  const s = useSetting(
    'spend-caps',
    () => unwrap(api.GET('/api/v1/settings/spend-caps')),
    (body: Schemas['SpendCaps']) => unwrap(api.PUT('/api/v1/settings/spend-caps', { body })),
  );
  const caps = s.draft?.caps ?? [];
  const accounts = assets.adAccounts.filter((a) => a.selected);
  const set = (
    adAccountId: string,
    key: 'dailyCap' | 'lifetimeCap',
    major: string,
    currency: string | null,
  ) => {
    const others = caps.filter((c) => c.adAccountId !== adAccountId);
    const cur = caps.find((c) => c.adAccountId === adAccountId) ?? {
      adAccountId,
      dailyCap: 0,
      lifetimeCap: 0,
    };
    const next = { ...cur, [key]: major === '' ? 0 : toMinor(Number(major), currency) };
    s.setDraft({ caps: next.dailyCap === 0 && next.lifetimeCap === 0 ? others : [...others, next] });
  };
  return (
    <SettingForm
      title="Spend caps"
      id="spend-caps-heading"
      intro="A campaign is approved without a person only if it and every other campaign of the ad account that can still spend stay within both caps."
      setting={s}
    >
      {accounts.length === 0 ? <Empty>Select an ad account on a connection first.</Empty> : null}
      {accounts.map((a) => {
        const cap = caps.find((c) => c.adAccountId === a.id);
        const i = caps.findIndex((c) => c.adAccountId === a.id);
        const major = (v: number | undefined) => (v ? String(v / 10 ** minorDigits(a.currency)) : '');
        return (
          <fieldset key={a.id} className="rule">
            <legend>
              {a.name} ({a.currency ?? '?'}){' '}
              {cap ? `— now ${formatMinor(cap.dailyCap, a.currency)} a day` : ''}
            </legend>
            {(
              [
                ['dailyCap', 'Daily cap'],
                ['lifetimeCap', 'Lifetime cap'],
              ] as const
            ).map(([key, label]) => (
              <Field key={key} label={label} name={`caps.${i}.${key}`} error={s.save.error}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min="0"
                    step="0.01"
                    value={major(cap?.[key])}
                    onChange={(e) => set(a.id, key, e.target.value, a.currency)}
                  />
                )}
              </Field>
            ))}
          </fieldset>
        );
      })}
    </SettingForm>
  );
}

function LeadStages() {
  const api = useApi();
  const s = useSetting(
    'lead-status-mapping',
    async (): Promise<Schemas['LeadStatusMappingRequest']> =>
      (await unwrap(api.GET('/api/v1/settings/lead-status-mapping'))) ?? {
        datasetId: '',
        crmName: '',
        stages: {},
      },
    (body: Schemas['LeadStatusMappingRequest']) =>
      unwrap(api.PUT('/api/v1/settings/lead-status-mapping', { body })),
  );
  const d = s.draft ?? { datasetId: '', crmName: '', stages: {} };
  const stages = Object.entries(d.stages);
  const setStages = (rows: Array<[string, string]>) => s.setDraft({ ...d, stages: Object.fromEntries(rows) });
  return (
    <SettingForm
      title="Lead stages sent to Meta"
      id="lead-stages-heading"
      intro="When a lead moves to a mapped status, Meta is told through the Conversions API for CRM, so lead ads optimise for leads that convert."
      setting={s}
      value={d}
    >
      <Field label="Dataset (pixel) id" name="datasetId" error={s.save.error}>
        {(p) => (
          <input
            {...p}
            value={d.datasetId}
            onChange={(e) => s.setDraft({ ...d, datasetId: e.target.value })}
          />
        )}
      </Field>
      <Field label="CRM name" name="crmName" error={s.save.error}>
        {(p) => (
          <input
            {...p}
            value={d.crmName ?? ''}
            onChange={(e) => s.setDraft({ ...d, crmName: e.target.value })}
          />
        )}
      </Field>
      {stages.map(([status, stage], i) => (
        <div className="row" key={i}>
          <Field label="CRM status" name={`stages.${status}`} error={s.save.error}>
            {(p) => (
              <input
                {...p}
                value={status}
                onChange={(e) => setStages(stages.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
              />
            )}
          </Field>
          <Field label="Meta stage name">
            {(p) => (
              <input
                {...p}
                value={stage}
                onChange={(e) => setStages(stages.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
              />
            )}
          </Field>
        </div>
      ))}
      <button type="button" onClick={() => setStages([...stages, [`status-${stages.length + 1}`, '']])}>
        Add a stage
      </button>
    </SettingForm>
  );
}
