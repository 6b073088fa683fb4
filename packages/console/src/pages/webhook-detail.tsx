import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api.js';
import { OneTimeSecret } from '../components/copy-button.js';
import { Badge, formatDate, OutcomeNotice, PageHeader, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const base = `/v1/webhook-endpoints/${encodeURIComponent(id)}`;
  const endpoint = useQuery({
    queryKey: ['webhooks', id],
    queryFn: () => api.get<Schemas['WebhookEndpoint']>(base),
  });
  const attempts = useQuery({
    queryKey: ['webhooks', id, 'attempts'],
    queryFn: () => api.get<Schemas['WebhookAttemptList']>(`${base}/attempts?limit=50`),
  });
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction({
    run: () => api.post<Schemas['CreatedWebhookEndpoint']>(`${base}/rotate-secret`),
    success: 'New secret: the old one keeps signing for 24 hours.',
    onDone: (e) => setSecret(e.secret),
  });
  const toggle = useAction({
    run: (disabled: boolean) => api.patch<Schemas['WebhookEndpoint']>(base, { disabled }),
    success: (e) => (e.disabled ? 'Endpoint disabled.' : 'Endpoint enabled.'),
    invalidate: [['webhooks']],
  });
  const redeliver = useAction({
    run: (event_id: string) => api.post(`${base}/redeliver`, { event_id }),
    success: 'Queued for delivery again.',
    invalidate: [['webhooks', id, 'attempts']],
  });
  const remove = useAction({
    run: () => api.delete(base),
    success: 'Endpoint removed.',
    invalidate: [['webhooks']],
    onDone: () => void navigate('/webhooks'),
  });
  const manage = can('webhooks:manage');
  return (
    <>
      <p className="crumbs">
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <QueryView query={endpoint}>
        {(e) => (
          <>
            <PageHeader
              title="Webhook endpoint"
              description={<span className="break">{e.url}</span>}
              actions={
                manage && (
                  <>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => rotate.run(undefined)}
                    >
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => toggle.run(!e.disabled)}
                    >
                      {e.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        window.confirm('Remove this endpoint?') && remove.run(undefined)
                      }
                    >
                      Remove
                    </button>
                  </>
                )
              }
            />
            <OutcomeNotice outcome={rotate.outcome ?? toggle.outcome ?? remove.outcome} />
            {secret && <OneTimeSecret label="New signing secret" value={secret} />}
            <p>
              {e.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="good">enabled</Badge>}{' '}
              Events: {e.event_types.join(', ')}
            </p>
          </>
        )}
      </QueryView>
      <section aria-labelledby="attempts">
        <h2 id="attempts">Delivery attempts</h2>
        <OutcomeNotice outcome={redeliver.outcome} />
        <QueryView query={attempts} isEmpty={(a) => a.data.length === 0} empty="No deliveries yet.">
          {(a) => (
            <table>
              <caption className="sr-only">Delivery attempts</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.data.map((attempt) => (
                  <tr key={attempt.id}>
                    <td>
                      {attempt.event_type} <code className="muted">{attempt.event_id}</code>
                    </td>
                    <td>{attempt.attempt}</td>
                    <td>
                      {attempt.status_code !== null && attempt.status_code < 300 ? (
                        <Badge tone="good">{attempt.status_code}</Badge>
                      ) : (
                        <Badge tone="bad">{attempt.status_code ?? attempt.error ?? 'error'}</Badge>
                      )}{' '}
                      <small className="muted">{attempt.duration_ms} ms</small>
                    </td>
                    <td>{formatDate(attempt.created_at)}</td>
                    <td>
                      {manage && (
                        <button
                          type="button"
                          className="secondary small"
                          onClick={() => redeliver.run(attempt.event_id)}
                        >
                          Redeliver<span className="sr-only"> {attempt.event_id}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
    </>
  );
}
