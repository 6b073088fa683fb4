import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { OneTimeSecret } from '../components/copy-button.js';
import { QueryTable } from '../components/data-table.js';
import { SelectField, TextField, useFormState } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, PageHeader } from '../components/ui.js';
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
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => ok(api.GET('/v1/api-keys')) });
  const members = useQuery({ queryKey: ['members'], queryFn: () => ok(api.GET('/v1/members')) });
  const ownerName = (id: string | null) =>
    id === null
      ? 'Operator'
      : (members.data?.data.find((m) => m.user_id === id)?.name ?? 'Former member');
  const [created, setCreated] = useState<Schemas['CreatedApiKey'] | null>(null);
  const { form, setForm, bind } = useFormState<Schemas['CreateApiKeyRequest']>({
    name: '',
    mode: 'test',
  });
  // Only the scopes the API says this person may create; a key never does more than its owner.
  const creatable = keys.data?.creatable_scopes ?? [];
  const scope = form.scope && creatable.includes(form.scope) ? form.scope : creatable[0];
  const create = useAction({
    run: (body: Schemas['CreateApiKeyRequest']) => ok(api.POST('/v1/api-keys', { body })),
    success: (key) => `Key “${key.name}” created.`,
    invalidate: [['api-keys']],
    onDone: (key) => {
      setCreated(key);
      setForm({ ...form, name: '' });
    },
  });
  const revoke = useAction({
    run: (key: Schemas['ApiKey']) =>
      ok(api.DELETE('/v1/api-keys/{api_key_id}', { params: { path: { api_key_id: key.id } } })),
    success: 'Key revoked: it is refused from the next request on.',
    invalidate: [['api-keys']],
  });
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys authenticate your code. Herald stores only a hash of each."
      />
      {can('api_keys:manage') && scope && (
        <Section title="Create a key" card>
          <ActionForm
            layout="row"
            action={create}
            onSubmit={() => create.run({ ...form, scope })}
            submit="Create key"
          >
            <TextField label="Name" {...bind('name')} placeholder="Production server" required />
            <SelectField
              label="Mode"
              value={form.mode ?? 'test'}
              onChange={bind('mode').onChange}
              options={[
                ['test', 'Test'],
                ['live', 'Live'],
              ]}
            />
            <SelectField
              label="Scope"
              value={scope}
              onChange={(s) => setForm({ ...form, scope: s })}
              options={creatable.map((s) => [s, SCOPE_LABELS[s]] as const)}
            />
          </ActionForm>
          {created && (
            <OneTimeSecret label={`Secret of “${created.name}”`} value={created.secret} />
          )}
        </Section>
      )}
      <OutcomeNotice outcome={revoke.outcome} />
      <QueryTable
        query={keys}
        empty="No API keys yet."
        caption="API keys"
        rowKey={(key) => key.id}
        columns={[
          { header: 'Name', cell: (key) => key.name },
          { header: 'Key', cell: (key) => <code>{key.prefix}…</code> },
          {
            header: 'Mode · scope',
            cell: (key) => (
              <>
                <Badge tone={key.mode === 'live' ? 'good' : undefined}>{key.mode}</Badge>{' '}
                {key.scope}
              </>
            ),
          },
          { header: 'Owner', cell: (key) => ownerName(key.owner_user_id) },
          { header: 'Created', cell: (key) => formatDate(key.created_at) },
          {
            header: 'Last used',
            cell: (key) => (
              <>
                {formatDate(key.last_used_at)}
                {key.last_used_ip && <small className="muted"> from {key.last_used_ip}</small>}
              </>
            ),
          },
          {
            header: 'Actions',
            hideHeader: true,
            className: 'actions-cell',
            cell: (key) =>
              key.revoked_at ? (
                <Badge tone="bad">revoked</Badge>
              ) : (
                can('api_keys:manage') && (
                  <ActionButton
                    className="danger small"
                    target={key.name}
                    confirm={`Revoke “${key.name}”? Code using it stops working.`}
                    onClick={() => revoke.run(key)}
                  >
                    Revoke
                  </ActionButton>
                )
              ),
          },
        ]}
      />
    </>
  );
}
