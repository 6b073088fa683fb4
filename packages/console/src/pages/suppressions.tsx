import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { CHANNELS, ChannelFilter } from '../components/channels.js';
import { QueryTable } from '../components/data-table.js';
import { SelectField, TextField, useFormState } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function SuppressionsPage() {
  const { can } = useSession();
  const [channel, setChannel] = useState<Schemas['Channel'] | ''>('');
  const list = useQuery({
    queryKey: ['suppressions', channel],
    queryFn: () =>
      ok(
        api.GET('/v1/suppressions', {
          params: { query: { channel: channel || undefined, limit: 100 } },
        }),
      ),
  });
  const { form, setForm, bind } = useFormState<Schemas['CreateSuppressionRequest']>({
    channel: 'sms',
    identifier: '',
  });
  const add = useAction({
    run: (body: Schemas['CreateSuppressionRequest']) => ok(api.POST('/v1/suppressions', { body })),
    success: (s) => `${s.identifier_masked} will not be sent to.`,
    invalidate: [['suppressions']],
    onDone: () => setForm({ ...form, identifier: '' }),
  });
  const remove = useAction({
    run: (s: Schemas['Suppression']) =>
      ok(
        api.DELETE('/v1/suppressions/{suppression_id}', {
          params: { path: { suppression_id: s.id } },
        }),
      ),
    success: 'Removed: sending to this recipient is allowed again.',
    invalidate: [['suppressions']],
  });
  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Recipients Herald will not send to: opt-outs, bounces, complaints and your own additions. Only a keyed hash and a masked form are kept."
      />
      {can('suppressions:manage') && (
        <Section title="Add a recipient" card>
          <ActionForm layout="row" action={add} onSubmit={() => add.run(form)} submit="Suppress">
            <SelectField label="Channel" {...bind('channel')} options={CHANNELS} />
            <TextField label="Phone number, email or token" {...bind('identifier')} required />
          </ActionForm>
        </Section>
      )}
      <OutcomeNotice outcome={remove.outcome} />
      <ChannelFilter value={channel} onChange={setChannel} />
      <QueryTable
        query={list}
        empty="No suppressed recipients."
        caption="Suppressions"
        rowKey={(s) => s.id}
        columns={[
          { header: 'Recipient', cell: (s) => <code>{s.identifier_masked}</code> },
          { header: 'Channel', cell: (s) => s.channel },
          { header: 'Reason', cell: (s) => <Badge>{s.reason}</Badge> },
          { header: 'Since', cell: (s) => formatDate(s.created_at) },
          {
            header: 'Actions',
            hideHeader: true,
            cell: (s) =>
              can('suppressions:manage') && (
                <ActionButton
                  className="secondary small"
                  target={s.identifier_masked}
                  onClick={() => remove.run(s)}
                >
                  Remove
                </ActionButton>
              ),
          },
        ]}
      />
    </>
  );
}
