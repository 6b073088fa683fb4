import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api.js';
import { OneTimeSecret } from '../components/copy-button.js';
import {
  Badge,
  Field,
  formatDate,
  OutcomeNotice,
  PageHeader,
  QueryView,
} from '../components/ui.js';
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
];

export function WebhooksPage() {
  const { can } = useSession();
  const endpoints = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api.get<Schemas['WebhookEndpointList']>('/v1/webhook-endpoints'),
  });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<Schemas['WebhookEventType'][]>([]);
  const [created, setCreated] = useState<Schemas['CreatedWebhookEndpoint'] | null>(null);
  const create = useAction({
    run: (body: Schemas['CreateWebhookEndpointRequest']) =>
      api.post<Schemas['CreatedWebhookEndpoint']>('/v1/webhook-endpoints', body),
    success: (e) => `Endpoint ${e.url} added.`,
    invalidate: [['webhooks']],
    onDone: (e) => {
      setCreated(e);
      setUrl('');
      setDescription('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.run({
      url,
      ...(description && { description }),
      ...(events.length > 0 && { event_types: events }),
    });
  };
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Herald posts signed events (Standard Webhooks) to these endpoints as messages change status."
      />
      {can('webhooks:manage') && (
        <section className="card" aria-labelledby="new-endpoint">
          <h2 id="new-endpoint">Add an endpoint</h2>
          <form className="form" onSubmit={submit}>
            <Field label="URL" hint="https, on a public address.">
              {(id, hint) => (
                <input
                  id={id}
                  type="url"
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  placeholder="https://example.com/herald"
                  aria-describedby={hint}
                  required
                />
              )}
            </Field>
            <Field label="Description">
              {(id) => (
                <input
                  id={id}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                />
              )}
            </Field>
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
            <div>
              <button type="submit" disabled={create.pending}>
                Add endpoint
              </button>
            </div>
          </form>
          <OutcomeNotice outcome={create.outcome} />
          {created && <OneTimeSecret label="Signing secret" value={created.secret} />}
        </section>
      )}
      <QueryView
        query={endpoints}
        isEmpty={(e) => e.data.length === 0}
        empty="No webhook endpoints yet."
      >
        {(e) => (
          <table>
            <caption className="sr-only">Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {e.data.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td className="break">
                    <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                    {endpoint.description && (
                      <small className="muted"> {endpoint.description}</small>
                    )}
                  </td>
                  <td>
                    {endpoint.event_types.length === EVENT_TYPES.length
                      ? 'all'
                      : endpoint.event_types.join(', ')}
                  </td>
                  <td>
                    {endpoint.disabled ? (
                      <Badge tone="bad">
                        disabled{endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ''}
                      </Badge>
                    ) : (
                      <Badge tone="good">enabled</Badge>
                    )}
                  </td>
                  <td>{formatDate(endpoint.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
