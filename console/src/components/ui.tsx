/** Small shared pieces: status badges, times, loading and empty states, a two-step confirmation. */
import { useState, type ReactNode } from 'react';

const TONE: Record<string, 'ok' | 'warn' | 'bad' | 'info' | 'neutral'> = {
  active: 'ok',
  connected: 'ok',
  published: 'ok',
  sent: 'ok',
  delivered: 'ok',
  read: 'ok',
  completed: 'ok',
  approved: 'info',
  scheduled: 'info',
  publishing: 'info',
  sending: 'info',
  creating: 'info',
  queued: 'info',
  running: 'info',
  pending: 'info',
  draft: 'neutral',
  paused: 'neutral',
  open: 'neutral',
  closed: 'neutral',
  expiring: 'warn',
  partially_published: 'warn',
  failed: 'bad',
  rejected: 'bad',
  expired: 'bad',
  revoked: 'bad',
  success: 'ok',
  failure: 'bad',
  denied: 'bad',
};

export function Badge({ status, children }: { status: string; children?: ReactNode }) {
  return (
    <span className={`badge badge-${TONE[status] ?? 'neutral'}`}>
      {children ?? status.replace(/_/g, ' ')}
    </span>
  );
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function formatRelative(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return relative.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return relative.format(Math.round(diff / 3_600_000), 'hour');
  return relative.format(Math.round(diff / 86_400_000), 'day');
}

/** A time people read relatively, with the exact time for those who need it. Marked volatile for screenshots. */
export function Time({
  iso,
  mode = 'absolute',
}: {
  iso: string | null | undefined;
  mode?: 'absolute' | 'relative';
}) {
  if (!iso) return <span className="muted">—</span>;
  const exact = absolute.format(new Date(iso));
  return (
    <time dateTime={iso} title={exact} data-volatile="">
      {mode === 'relative' ? formatRelative(iso) : exact}
    </time>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A destructive action asks once more, inline (no browser dialog). */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  tone?: 'danger' | 'normal';
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className={props.tone === 'danger' ? 'danger' : ''}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={props.label}>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}
