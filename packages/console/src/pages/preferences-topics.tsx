import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { QueryTable } from '../components/data-table.js';
import { TextField, useFormState } from '../components/fields.js';
import { Section } from '../components/section.js';
import { formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

type TopicForm = { key: string; name: string; description: string };

export function TopicsSection() {
  const { can } = useSession();
  const topics = useQuery({ queryKey: ['topics'], queryFn: () => ok(api.GET('/v1/topics')) });
  const { form, setForm, bind } = useFormState<TopicForm>({ key: '', name: '', description: '' });
  // The field the API refused (its `param`), marked until the next try.
  const [refused, setRefused] = useState<string>();
  const add = useAction({
    run: async (body: Schemas['CreateTopicRequest']) => {
      setRefused(undefined);
      try {
        return await ok(api.POST('/v1/topics', { body }));
      } catch (error) {
        if (error instanceof ApiError) setRefused(error.param);
        throw error;
      }
    },
    success: (t) => `Topic ${t.key} added: sends may name it now.`,
    // A recipient's preferences list every topic.
    invalidate: [['topics'], ['preferences']],
    onDone: () => setForm({ key: '', name: '', description: '' }),
  });
  const remove = useAction({
    run: (t: Schemas['Topic']) =>
      ok(api.DELETE('/v1/topics/{topic_key}', { params: { path: { topic_key: t.key } } })),
    success: 'Topic deleted: sends naming it are refused. End users’ answers about it are kept.',
    invalidate: [['topics'], ['preferences']],
  });
  const refusal = add.outcome && !add.outcome.ok ? add.outcome.message : undefined;
  // The refused field is marked, and described by why.
  const marked = (field: keyof TopicForm) =>
    refused === field ? { 'aria-invalid': true, hint: refusal } : {};
  return (
    <Section title="Topics" card>
      <p className="muted">
        A send names one by its key (lowercase letters, digits, - and _) as <code>topic</code>; an
        end user can leave each topic on its own.
      </p>
      {can('preferences:manage') && (
        <ActionForm
          layout="row"
          action={add}
          submit="Add topic"
          onSubmit={() =>
            add.run({
              key: form.key.trim(),
              name: form.name.trim(),
              ...(form.description.trim() && { description: form.description.trim() }),
            })
          }
        >
          <TextField label="Key" {...bind('key')} {...marked('key')} required />
          <TextField label="Name" {...bind('name')} {...marked('name')} required />
          <TextField
            label="Description (optional)"
            {...bind('description')}
            {...marked('description')}
          />
        </ActionForm>
      )}
      <OutcomeNotice outcome={remove.outcome} />
      <QueryTable
        query={topics}
        empty="No topics yet."
        caption="Topics"
        rowKey={(t) => t.key}
        columns={[
          { header: 'Key', cell: (t) => <code>{t.key}</code> },
          { header: 'Name', cell: (t) => t.name },
          { header: 'Description', cell: (t) => t.description ?? '—' },
          { header: 'Created', cell: (t) => formatDate(t.created_at) },
          {
            header: 'Actions',
            hideHeader: true,
            cell: (t) =>
              can('preferences:manage') && (
                <ActionButton
                  className="secondary small"
                  target={t.key}
                  confirm={`Delete the topic “${t.name}”? Sends naming ${t.key} will be refused.`}
                  onClick={() => remove.run(t)}
                >
                  Delete
                </ActionButton>
              ),
          },
        ]}
      />
    </Section>
  );
}
