import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { OneTimeSecret } from '../components/copy-button.js';
import { QueryTable } from '../components/data-table.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, PageHeader, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const endpointPath = { params: { path: { webhook_endpoint_id: id } } };
  const endpoint = useQuery({
    queryKey: ['webhooks', id],
    queryFn: () => ok(api.GET('/v1/webhook-endpoints/{webhook_endpoint_id}', endpointPath)),
  });
  const attempts = useQuery({
    queryKey: ['webhooks', id, 'attempts'],
    queryFn: () =>
      ok(
        api.GET('/v1/webhook-endpoints/{webhook_endpoint_id}/attempts', {
          params: { path: { webhook_endpoint_id: id }, query: { limit: 50 } },
        }),
      ),
  });
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction({
    run: () =>
      ok(api.POST('/v1/webhook-endpoints/{webhook_endpoint_id}/rotate-secret', endpointPath)),
    success: 'New secret: the old one keeps signing for 24 hours.',
    onDone: (e) => setSecret(e.secret),
  });
  const toggle = useAction({
    run: (disabled: boolean) =>
      ok(
        api.PATCH('/v1/webhook-endpoints/{webhook_endpoint_id}', {
          ...endpointPath,
          body: { disabled },
        }),
      ),
    success: (e) => (e.disabled ? 'Endpoint disabled.' : 'Endpoint enabled.'),
    invalidate: [['webhooks']],
  });
  const redeliver = useAction({
    run: (event_id: string) =>
      ok(
        api.POST('/v1/webhook-endpoints/{webhook_endpoint_id}/redeliver', {
          ...endpointPath,
          body: { event_id },
        }),
      ),
    success: 'Queued for delivery again.',
    invalidate: [['webhooks', id, 'attempts']],
  });
  const remove = useAction({
    run: () => ok(api.DELETE('/v1/webhook-endpoints/{webhook_endpoint_id}', endpointPath)),
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
                    <ActionButton className="secondary" onClick={() => rotate.run(undefined)}>
                      Rotate secret
                    </ActionButton>
                    <ActionButton className="secondary" onClick={() => toggle.run(!e.disabled)}>
                      {e.disabled ? 'Enable' : 'Disable'}
                    </ActionButton>
                    <ActionButton
                      className="danger"
                      confirm="Remove this endpoint?"
                      onClick={() => remove.run(undefined)}
                    >
                      Remove
                    </ActionButton>
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
      <Section title="Delivery attempts">
        <OutcomeNotice outcome={redeliver.outcome} />
        <QueryTable
          query={attempts}
          empty="No deliveries yet."
          caption="Delivery attempts"
          rowKey={(attempt) => attempt.id}
          columns={[
            {
              header: 'Event',
              cell: (attempt) => (
                <>
                  {attempt.event_type} <code className="muted">{attempt.event_id}</code>
                </>
              ),
            },
            { header: 'Attempt', cell: (attempt) => attempt.attempt },
            {
              header: 'Answer',
              cell: (attempt) => (
                <>
                  {attempt.status_code !== null && attempt.status_code < 300 ? (
                    <Badge tone="good">{attempt.status_code}</Badge>
                  ) : (
                    <Badge tone="bad">{attempt.status_code ?? attempt.error ?? 'error'}</Badge>
                  )}{' '}
                  <small className="muted">{attempt.duration_ms} ms</small>
                </>
              ),
            },
            { header: 'Time', cell: (attempt) => formatDate(attempt.created_at) },
            {
              header: 'Actions',
              hideHeader: true,
              cell: (attempt) =>
                manage && (
                  <ActionButton
                    className="secondary small"
                    target={attempt.event_id}
                    onClick={() => redeliver.run(attempt.event_id)}
                  >
                    Redeliver
                  </ActionButton>
                ),
            },
          ]}
        />
      </Section>
    </>
  );
}
