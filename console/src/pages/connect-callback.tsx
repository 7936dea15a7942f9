/** Where Meta's login dialog sends the person back: the outcome, in words. */
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { PageHeader } from '../components/ui';
import { featureLabel } from '../lib/features';

const REASONS: Record<string, string> = {
  access_denied: 'The person cancelled Meta’s dialog; nothing was connected.',
  state_expired: 'The connection took longer than 10 minutes: start again.',
  state_replayed: 'This link was already used: start again.',
};

export function ConnectCallbackPage() {
  const [params] = useSearchParams();
  const queries = useQueryClient();
  const status = params.get('status');
  const connectionId = params.get('connectionId');
  const missing = (params.get('missingFeatures') ?? '').split(',').filter(Boolean);
  const reason = params.get('reason') ?? 'unknown';
  useEffect(() => {
    void queries.invalidateQueries({ queryKey: ['connections'] });
  }, [queries]);
  if (status === 'connected' && connectionId)
    return (
      <>
        <PageHeader title="Meta account connected" />
        <div className="alert alert-ok" role="status">
          <p>The account is connected and its tokens are stored encrypted.</p>
          {missing.length > 0 ? (
            <p>
              Some permissions were not granted, so these features will not work:{' '}
              {missing.map(featureLabel).join(', ')}.
            </p>
          ) : null}
        </div>
        <p>
          <Link className="button primary" to={`/connections/${connectionId}`}>
            Select assets
          </Link>
        </p>
      </>
    );
  return (
    <>
      <PageHeader title="Meta account not connected" />
      <div className="alert alert-error" role="alert">
        <p>{REASONS[reason] ?? 'Meta did not complete the connection.'}</p>
        <p className="muted">
          Reason: <code>{reason}</code>
        </p>
      </div>
      <p>
        <Link to="/connections">Back to connections</Link>
      </p>
    </>
  );
}
