import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
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

type Scope = Schemas['ApiKeyScope'];

const SCOPE_LABELS: Record<Scope, string> = {
  full: 'Full access',
  standard: 'Standard (no numbers or privacy)',
  send_only: 'Send only',
};

export function ApiKeysPage() {
  const { can } = useSession();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api.get<Schemas['ApiKeyList']>('/v1/api-keys'),
  });
  const members = useQuery({
    queryKey: ['members'],
    queryFn: () => api.get<Schemas['MemberList']>('/v1/members'),
  });
  const ownerName = (id: string | null) =>
    id === null
      ? 'Operator'
      : (members.data?.data.find((m) => m.user_id === id)?.name ?? 'Former member');
  const [created, setCreated] = useState<Schemas['CreatedApiKey'] | null>(null);
  const [form, setForm] = useState<Schemas['CreateApiKeyRequest']>({ name: '', mode: 'test' });
  // Only the scopes the API says this person may create; a key never does more than its owner.
  const creatable = keys.data?.creatable_scopes ?? [];
  const scope = form.scope && creatable.includes(form.scope) ? form.scope : creatable[0];
  const create = useAction({
    run: (body: Schemas['CreateApiKeyRequest']) =>
      api.post<Schemas['CreatedApiKey']>('/v1/api-keys', body),
    success: (key) => `Key “${key.name}” created.`,
    invalidate: [['api-keys']],
    onDone: (key) => {
      setCreated(key);
      setForm({ ...form, name: '' });
    },
  });
  const revoke = useAction({
    run: (key: Schemas['ApiKey']) => api.delete(`/v1/api-keys/${key.id}`),
    success: 'Key revoked: it is refused from the next request on.',
    invalidate: [['api-keys']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.run({ ...form, scope });
  };
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys authenticate your code. Herald stores only a hash of each."
      />
      {can('api_keys:manage') && creatable.length > 0 && (
        <section className="card" aria-labelledby="new-key">
          <h2 id="new-key">Create a key</h2>
          <form className="row-form" onSubmit={submit}>
            <Field label="Name">
              {(id) => (
                <input
                  id={id}
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                  placeholder="Production server"
                  required
                />
              )}
            </Field>
            <Field label="Mode">
              {(id) => (
                <select
                  id={id}
                  value={form.mode}
                  onChange={(e) => setForm({ ...form, mode: e.target.value as 'live' | 'test' })}
                >
                  <option value="test">Test</option>
                  <option value="live">Live</option>
                </select>
              )}
            </Field>
            <Field label="Scope">
              {(id) => (
                <select
                  id={id}
                  value={scope}
                  onChange={(e) => setForm({ ...form, scope: e.target.value as Scope })}
                >
                  {creatable.map((s) => (
                    <option key={s} value={s}>
                      {SCOPE_LABELS[s]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" disabled={create.pending}>
              Create key
            </button>
          </form>
          <OutcomeNotice outcome={create.outcome} />
          {created && (
            <OneTimeSecret label={`Secret of “${created.name}”`} value={created.secret} />
          )}
        </section>
      )}
      <OutcomeNotice outcome={revoke.outcome} />
      <QueryView query={keys} isEmpty={(k) => k.data.length === 0} empty="No API keys yet.">
        {(k) => (
          <table>
            <caption className="sr-only">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Mode · scope</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {k.data.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <Badge tone={key.mode === 'live' ? 'good' : undefined}>{key.mode}</Badge>{' '}
                    {key.scope}
                  </td>
                  <td>{ownerName(key.owner_user_id)}</td>
                  <td>{formatDate(key.created_at)}</td>
                  <td>
                    {formatDate(key.last_used_at)}
                    {key.last_used_ip && <small className="muted"> from {key.last_used_ip}</small>}
                  </td>
                  <td className="actions-cell">
                    {key.revoked_at ? (
                      <Badge tone="bad">revoked</Badge>
                    ) : (
                      can('api_keys:manage') && (
                        <button
                          type="button"
                          className="danger small"
                          onClick={() => {
                            if (
                              window.confirm(`Revoke “${key.name}”? Code using it stops working.`)
                            )
                              revoke.run(key);
                          }}
                        >
                          Revoke<span className="sr-only"> {key.name}</span>
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
