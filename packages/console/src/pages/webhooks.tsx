import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { OneTimeSecret } from '../components/copy-button.js';
import { QueryTable } from '../components/data-table.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export const EVENT_TYPES: Schemas['WebhookEventType'][] = [
  'message.scheduled',
  'message.sending',
  'message.sent',
  'message.delivered',
  'message.undelivered',
  'message.failed',
  'message.canceled',
  'message.received',
  'suppression.created',
  'suppression.deleted',
  'preference.updated',
  'subject.erased',
  'subject.restricted',
  'subject.restriction_lifted',
];

export function WebhooksPage() {
  const { can } = useSession();
  const endpoints = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => ok(api.GET('/v1/webhook-endpoints')),
  });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<Schemas['WebhookEventType'][]>([]);
  const [created, setCreated] = useState<Schemas['CreatedWebhookEndpoint'] | null>(null);
  const create = useAction({
    run: (body: Schemas['CreateWebhookEndpointRequest']) =>
      ok(api.POST('/v1/webhook-endpoints', { body })),
    success: (e) => `Endpoint ${e.url} added.`,
    invalidate: [['webhooks']],
    onDone: (e) => {
      setCreated(e);
      setUrl('');
      setDescription('');
    },
  });
  const submit = () =>
    create.run({
      url,
      ...(description && { description }),
      ...(events.length > 0 && { event_types: events }),
    });
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Herald posts signed events (Standard Webhooks) to these endpoints as messages change status."
      />
      {can('webhooks:manage') && (
        <Section title="Add an endpoint" card>
          <ActionForm layout="stack" action={create} onSubmit={submit} submit="Add endpoint">
            <TextField
              label="URL"
              hint="https, on a public address."
              type="url"
              value={url}
              onChange={setUrl}
              placeholder="https://example.com/herald"
              required
            />
            <TextField label="Description" value={description} onChange={setDescription} />
            <fieldset className="checks">
              <legend>Events (none checked: all)</legend>
              {EVENT_TYPES.map((type) => (
                <label key={type} className="check">
                  <input
                    type="checkbox"
                    checked={events.includes(type)}
                    onChange={(e) =>
                      setEvents(
                        e.target.checked ? [...events, type] : events.filter((t) => t !== type),
                      )
                    }
                  />
                  {type}
                </label>
              ))}
            </fieldset>
          </ActionForm>
          {created && <OneTimeSecret label="Signing secret" value={created.secret} />}
        </Section>
      )}
      <QueryTable
        query={endpoints}
        empty="No webhook endpoints yet."
        caption="Webhook endpoints"
        rowKey={(endpoint) => endpoint.id}
        columns={[
          {
            header: 'URL',
            className: 'break',
            cell: (endpoint) => (
              <>
                <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                {endpoint.description && <small className="muted"> {endpoint.description}</small>}
              </>
            ),
          },
          {
            header: 'Events',
            cell: (endpoint) =>
              endpoint.event_types.length === EVENT_TYPES.length
                ? 'all'
                : endpoint.event_types.join(', '),
          },
          { header: 'State', cell: (endpoint) => <EndpointState endpoint={endpoint} /> },
          { header: 'Created', cell: (endpoint) => formatDate(endpoint.created_at) },
        ]}
      />
    </>
  );
}

/** Enabled, or disabled with the reason Herald gave. */
function EndpointState({ endpoint }: { endpoint: Schemas['WebhookEndpoint'] }) {
  return endpoint.disabled ? (
    <Badge tone="bad">
      disabled{endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ''}
    </Badge>
  ) : (
    <Badge tone="good">enabled</Badge>
  );
}
