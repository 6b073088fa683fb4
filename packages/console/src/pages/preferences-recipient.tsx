import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { CHANNELS } from '../components/channels.js';
import { CopyButton } from '../components/copy-button.js';
import { DataTable } from '../components/data-table.js';
import { SelectField, TextField, useFormState } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

type Recipient = { channel: Schemas['Channel']; identifier: string };
/** A row of the subscriptions table: all marketing (`topic: null`) or one topic. */
type Subscription = Omit<Schemas['TopicPreference'], 'topic'> & { topic: string | null };

const SOURCES: Record<Schemas['PreferenceSource'], string> = {
  api: 'API',
  console: 'Console',
  preference_page: 'Preference page',
  one_click_unsubscribe: 'One-click unsubscribe',
  privacy_request: 'Privacy request form',
};

const preferencesKey = (r: Recipient | null) => ['preferences', r?.channel, r?.identifier];

export function RecipientSection() {
  const { form, bind } = useFormState<Recipient>({ channel: 'email', identifier: '' });
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const preferences = useQuery({
    queryKey: preferencesKey(recipient),
    queryFn: recipient
      ? () => ok(api.GET('/v1/preferences', { params: { query: recipient } }))
      : skipToken,
  });
  const lookUp = () => {
    const next = { channel: form.channel, identifier: form.identifier.trim() };
    const same = next.channel === recipient?.channel && next.identifier === recipient.identifier;
    if (same) void preferences.refetch();
    else setRecipient(next);
  };
  return (
    <Section title="A recipient’s preferences" card>
      <p className="muted">
        What one end user said, and every change with when and how. Changes here are recorded as
        made in the console.
      </p>
      <ActionForm
        layout="row"
        action={{ pending: preferences.isFetching, outcome: null }}
        outcome={false}
        onSubmit={lookUp}
        submit="Look up"
      >
        <SelectField label="Channel" {...bind('channel')} options={CHANNELS} />
        <TextField label="Phone number, email or push token" {...bind('identifier')} required />
      </ActionForm>
      {recipient && (
        <QueryView query={preferences}>
          {(found) => (
            // A new recipient starts afresh: no outcome or link of the one before.
            <RecipientPreferences
              key={preferencesKey(recipient).join()}
              recipient={recipient}
              found={found}
            />
          )}
        </QueryView>
      )}
    </Section>
  );
}

function RecipientPreferences(props: { recipient: Recipient; found: Schemas['Preferences'] }) {
  const { recipient, found } = props;
  const { can } = useSession();
  const client = useQueryClient();
  const toggle = useAction({
    run: async (s: Subscription) => {
      const change =
        s.topic === null ? { marketing: !s.subscribed } : { topics: { [s.topic]: !s.subscribed } };
      const body = { ...recipient, ...change };
      return { s, answer: await ok(api.PATCH('/v1/preferences', { body })) };
    },
    success: ({ s, answer }) =>
      `${answer.identifier_masked} is ${s.subscribed ? 'unsubscribed from' : 'subscribed to'} ${s.topic === null ? 'all marketing' : s.name}.`,
    // The answer is the whole of their preferences: shown as it is, without asking again.
    onDone: ({ answer }) => client.setQueryData(preferencesKey(recipient), answer),
  });
  const [link, setLink] = useState<Schemas['PreferenceLink'] | null>(null);
  const createLink = useAction({
    run: async (body: Recipient) => {
      const created = await ok(api.POST('/v1/preferences/links', { body }));
      const copied = await navigator.clipboard?.writeText(created.url).then(
        () => true,
        () => false,
      );
      return { created, copied };
    },
    success: ({ copied }) =>
      copied ? 'Link copied to the clipboard.' : 'Link created: copy it below.',
    onDone: ({ created }) => setLink(created),
  });
  const subscriptions: Subscription[] = [
    { topic: null, name: 'All marketing', ...found.marketing },
    ...found.topics,
  ];
  const names = new Map(found.topics.map((t) => [t.topic, t.name]));
  const history = found.history.map((change, index) => ({ ...change, index }));
  return (
    <div>
      <h3>
        <code>{found.identifier_masked}</code> ({found.channel})
      </h3>
      <DataTable
        caption="Subscriptions"
        rows={subscriptions}
        rowKey={(s) => s.topic ?? ''}
        columns={[
          {
            header: 'Topic',
            cell: (s) => (s.topic === null ? s.name : `${s.name} (${s.topic})`),
          },
          {
            header: 'State',
            cell: (s) => (
              <Badge tone={s.subscribed ? 'good' : 'bad'}>
                {s.subscribed ? 'subscribed' : 'unsubscribed'}
              </Badge>
            ),
          },
          {
            header: 'Last answer',
            cell: (s) => (s.updated_at ? formatDate(s.updated_at) : 'Never'),
          },
          can('preferences:manage') && {
            header: 'Actions',
            hideHeader: true,
            cell: (s) => (
              <ActionButton
                className="secondary small"
                target={s.name}
                disabled={toggle.pending}
                onClick={() => toggle.run(s)}
              >
                {s.subscribed ? 'Unsubscribe' : 'Subscribe'}
              </ActionButton>
            ),
          },
        ]}
      />
      <OutcomeNotice outcome={toggle.outcome} />
      <p>
        <ActionButton
          className="secondary"
          disabled={createLink.pending}
          onClick={() => createLink.run(recipient)}
        >
          Copy preference page link
        </ActionButton>
      </p>
      <OutcomeNotice outcome={createLink.outcome} />
      {link && (
        <div className="secret">
          <p>
            Their preference page, no log-in needed: it works until {formatDate(link.expires_at)}.
          </p>
          <div className="secret-row">
            <code className="break">{link.url}</code>
            <CopyButton value={link.url} />
          </div>
        </div>
      )}
      <h3>Consent history</h3>
      {history.length === 0 ? (
        <p className="muted">No answer recorded yet: subscribed to everything.</p>
      ) : (
        <DataTable
          caption="Consent history"
          rows={history}
          rowKey={(c) => String(c.index)}
          columns={[
            { header: 'When', cell: (c) => formatDate(c.recorded_at) },
            {
              header: 'Topic',
              cell: (c) => (c.topic === null ? 'All marketing' : (names.get(c.topic) ?? c.topic)),
            },
            { header: 'Answer', cell: (c) => (c.subscribed ? 'Subscribed' : 'Unsubscribed') },
            { header: 'Source', cell: (c) => SOURCES[c.source] },
          ]}
        />
      )}
    </div>
  );
}
