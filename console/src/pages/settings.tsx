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
  const rules = s.draft?.rules ?? [];
  const update = (i: number, patch: Partial<(typeof rules)[number]>) =>
    s.setDraft({ rules: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <SettingForm
      title="Post approval rules"
      id="post-rules-heading"
      intro="A post matching a rule (its author, and every target listed) is approved without a person. No rule: a person approves every post."
      setting={s}
    >
      {rules.length === 0 ? <Empty>No rule: every post waits for a person.</Empty> : null}
      {rules.map((r, i) => (
        <RuleFieldset
          key={i}
          index={i}
          rule={r}
          error={s.save.error}
          onChange={(patch) => update(i, patch)}
          onRemove={() => s.setDraft({ rules: rules.filter((_, j) => j !== i) })}
        >
          <Field
            label="Page and Instagram ids (comma-separated)"
            name={`rules.${i}.targetIds`}
            error={s.save.error}
          >
            {(p) => (
              <input
                {...p}
                value={(r.targetIds ?? []).join(', ')}
                onChange={(e) => update(i, { targetIds: list(e.target.value) })}
              />
            )}
          </Field>
        </RuleFieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          s.setDraft({
            rules: [...rules, { id: `rule-${rules.length + 1}`, actors: [], targetIds: [], description: '' }],
          })
        }
      >
        Add a rule
      </button>
    </SettingForm>
  );
}

/** What every approval rule has: an id, a description and the people whose work it approves. */
function RuleFieldset<R extends { id: string; description?: string; actors?: string[] }>(props: {
  index: number;
  rule: R;
  error: unknown;
  onChange: (patch: Partial<R>) => void;
  onRemove: () => void;
  children: ReactNode;
}) {
  const { index: i, rule: r, error } = props;
  return (
    <fieldset className="rule">
      <legend>Rule {i + 1}</legend>
      <Field label="Rule id" name={`rules.${i}.id`} error={error}>
        {(p) => (
          <input {...p} value={r.id} onChange={(e) => props.onChange({ id: e.target.value } as Partial<R>)} />
        )}
      </Field>
      <Field label="Description" name={`rules.${i}.description`} error={error}>
        {(p) => (
          <input
            {...p}
            value={r.description ?? ''}
            onChange={(e) => props.onChange({ description: e.target.value } as Partial<R>)}
          />
        )}
      </Field>
      <Field label="Authors (user:…, comma-separated)" name={`rules.${i}.actors`} error={error}>
        {(p) => (
          <input
            {...p}
            value={(r.actors ?? []).join(', ')}
            onChange={(e) => props.onChange({ actors: list(e.target.value) } as Partial<R>)}
          />
        )}
      </Field>
      {props.children}
      <button type="button" className="link" onClick={props.onRemove}>
        Remove rule {i + 1}
      </button>
    </fieldset>
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
  const rules = s.draft?.rules ?? [];
  type Rule = (typeof rules)[number];
  const update = (i: number, patch: Partial<Rule>) =>
    s.setDraft({ rules: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const toggle = <K extends 'channels' | 'types'>(i: number, key: K, value: string, on: boolean) => {
    const cur = (rules[i]?.[key] ?? []) as string[];
    update(i, { [key]: on ? [...cur, value] : cur.filter((x) => x !== value) } as Partial<Rule>);
  };
  return (
    <SettingForm
      title="Reply approval rules"
      id="reply-rules-heading"
      intro="Replies and comment moderation matching a rule are sent without a person. Empty lists match everything."
      setting={s}
    >
      {rules.length === 0 ? <Empty>No rule: every reply waits for a person.</Empty> : null}
      {rules.map((r, i) => (
        <RuleFieldset
          key={i}
          index={i}
          rule={r}
          error={s.save.error}
          onChange={(patch) => update(i, patch)}
          onRemove={() => s.setDraft({ rules: rules.filter((_, j) => j !== i) })}
        >
          <fieldset className="choices">
            <legend>Channels</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="choice">
                <input
                  type="checkbox"
                  checked={(r.channels ?? []).includes(c)}
                  onChange={(e) => toggle(i, 'channels', c, e.target.checked)}
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
                  onChange={(e) => toggle(i, 'types', t, e.target.checked)}
                />
                <span>{t}</span>
              </label>
            ))}
          </fieldset>
          <label className="choice">
            <input
              type="checkbox"
              checked={r.onlyPreviouslyApproved ?? false}
              onChange={(e) => update(i, { onlyPreviouslyApproved: e.target.checked })}
            />
            <span>Only content a person approved before (the same template or the same words)</span>
          </label>
        </RuleFieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          s.setDraft({
            rules: [
              ...rules,
              {
                id: `reply-rule-${rules.length + 1}`,
                description: '',
                channels: [],
                assetIds: [],
                types: [],
                sources: [],
                actors: [],
                onlyPreviouslyApproved: false,
              },
            ],
          })
        }
      >
        Add a rule
      </button>
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
            <Field label="Daily cap" name={`caps.${i}.dailyCap`} error={s.save.error}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min="0"
                  step="0.01"
                  value={major(cap?.dailyCap)}
                  onChange={(e) => set(a.id, 'dailyCap', e.target.value, a.currency)}
                />
              )}
            </Field>
            <Field label="Lifetime cap" name={`caps.${i}.lifetimeCap`} error={s.save.error}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min="0"
                  step="0.01"
                  value={major(cap?.lifetimeCap)}
                  onChange={(e) => set(a.id, 'lifetimeCap', e.target.value, a.currency)}
                />
              )}
            </Field>
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
