import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ok } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { QueryTable } from '../components/data-table.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { formatDate, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

type Draft = {
  content_days: number;
  usage_days: number;
  ip_log_days: number;
  store_content: boolean;
};

/** The three retention periods, one per store, with the bounds the API accepts. */
const DAY_FIELDS = [
  {
    key: 'content_days',
    label: 'Content store (days)',
    hint: '0: never stored',
    min: 0,
    max: 3650,
  },
  {
    key: 'usage_days',
    label: 'Usage store (days)',
    hint: 'messages, events, webhook logs',
    min: 1,
    max: 3650,
  },
  { key: 'ip_log_days', label: 'Log-in IP log (days)', hint: 'account store', min: 1, max: 365 },
] as const;

export function RetentionSection() {
  const { can } = useSession();
  const policy = useQuery({
    queryKey: ['retention'],
    queryFn: () => ok(api.GET('/v1/retention-policy')),
  });
  const preview = useQuery({
    queryKey: ['retention', 'preview'],
    queryFn: () => ok(api.GET('/v1/retention-policy/preview')),
  });
  const runs = useQuery({
    queryKey: ['retention', 'runs'],
    queryFn: () => ok(api.GET('/v1/retention-policy/runs', { params: { query: { limit: 10 } } })),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (policy.data && !draft) setDraft(policy.data);
  }, [policy.data, draft]);
  const save = useAction({
    run: (body: Draft) => ok(api.PUT('/v1/retention-policy', { body })),
    success: 'Retention policy saved.',
    invalidate: [['retention']],
  });
  const manage = can('privacy:manage');
  return (
    <Section title="Retention policy" card>
      <QueryView query={policy}>
        {(p) =>
          draft && (
            <ActionForm
              layout="stack"
              action={save}
              onSubmit={() => {
                const { content_days, usage_days, ip_log_days, store_content } = draft;
                save.run({ content_days, usage_days, ip_log_days, store_content });
              }}
              submit="Save policy"
              disabled={!manage}
            >
              {p.legal_hold && (
                <p className="notice neutral">
                  A legal hold is on: no retention job deletes anything until it is lifted.
                </p>
              )}
              <div className="row-form">
                {DAY_FIELDS.map((f) => (
                  <TextField
                    key={f.key}
                    label={f.label}
                    hint={f.hint}
                    type="number"
                    min={f.min}
                    max={f.max}
                    value={String(draft[f.key])}
                    onChange={(value) => setDraft({ ...draft, [f.key]: Number(value) })}
                    disabled={!manage}
                  />
                ))}
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={!draft.store_content}
                  onChange={(e) => setDraft({ ...draft, store_content: !e.target.checked })}
                  disabled={!manage}
                />
                No-store mode: never keep what messages say (content rides the queue encrypted and
                is scrubbed once sent)
              </label>
            </ActionForm>
          )
        }
      </QueryView>
      <h3>The next runs will remove</h3>
      <QueryView query={preview}>
        {(pv) => (
          <ul className="cards compact" aria-label="Preview of the next runs">
            <li className="card stat">
              <span className="muted">Content store</span>
              <strong data-testid="preview-content">{pv.content}</strong>
            </li>
            <li className="card stat">
              <span className="muted">Usage store</span>
              <strong>{pv.usage}</strong>
            </li>
            <li className="card stat">
              <span className="muted">Account store</span>
              <strong>{pv.account}</strong>
            </li>
          </ul>
        )}
      </QueryView>
      <h3>Past runs</h3>
      <QueryTable
        query={runs}
        empty="No retention run has removed anything yet."
        caption="Retention runs"
        rowKey={(run) => run.id}
        columns={[
          { header: 'Store', cell: (run) => run.store },
          { header: 'Rows removed', cell: (run) => run.rows_removed },
          { header: 'Started', cell: (run) => formatDate(run.started_at) },
          { header: 'Took', cell: (run) => `${run.duration_ms} ms` },
        ]}
      />
    </Section>
  );
}
