/**
 * Problems the API answers, shown as they come: the title, the detail, the stable reason and each field
 * issue. Forms show the issues of a field next to it (`FieldIssues`) and all of them in a summary, so a
 * rule the API adds later shows up without a change here.
 */
import { ApiProblem } from '../api/client';

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">
        {title ?? problem?.title ?? 'Something went wrong'}
        {problem ? <span className="muted"> ({problem.status})</span> : null}
      </p>
      <p>{problem ? problem.detail : error instanceof Error ? error.message : String(error)}</p>
      {problem?.reason ? (
        <p className="muted">
          Reason: <code>{problem.reason}</code>
        </p>
      ) : null}
      {problem && problem.errors.length > 0 ? (
        <ul className="field-issues" aria-label="Fields to fix">
          {problem.errors.map((e, i) => (
            <li key={i}>
              <code>{e.field.replace(/^body\./, '')}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The issues the API reported for one field, e.g. `dailyBudget` or `targeting.countries`. */
export function FieldIssues({ error, name, id }: { error: unknown; name: string; id: string }) {
  if (!(error instanceof ApiProblem)) return null;
  const issues = error.issuesFor(name);
  if (issues.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {issues.map((i) => i.message).join('; ')}
    </span>
  );
}

export const hasIssue = (error: unknown, name: string): boolean =>
  error instanceof ApiProblem && error.issuesFor(name).length > 0;
