import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Schemas } from '../api.js';
import { Field, formatDate, OutcomeNotice, QueryView } from '../components/ui.js';
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
    queryFn: () => api.get<Schemas['RetentionPolicy']>('/v1/retention-policy'),
  });
  const preview = useQuery({
    queryKey: ['retention', 'preview'],
    queryFn: () => api.get<Schemas['RetentionPreview']>('/v1/retention-policy/preview'),
  });
  const runs = useQuery({
    queryKey: ['retention', 'runs'],
    queryFn: () => api.get<Schemas['RetentionRunList']>('/v1/retention-policy/runs?limit=10'),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (policy.data && !draft) setDraft(policy.data);
  }, [policy.data, draft]);
  const save = useAction({
    run: (body: Schemas['UpdateRetentionPolicyRequest']) =>
      api.put<Schemas['RetentionPolicy']>('/v1/retention-policy', body),
    success: 'Retention policy saved.',
    invalidate: [['retention']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const { content_days, usage_days, ip_log_days, store_content } = draft;
    save.run({ content_days, usage_days, ip_log_days, store_content });
  };
  const manage = can('privacy:manage');
  return (
    <section className="card" aria-labelledby="retention">
      <h2 id="retention">Retention policy</h2>
      <QueryView query={policy}>
        {(p) =>
          draft && (
            <form className="form" onSubmit={submit}>
              {p.legal_hold && (
                <p className="notice neutral">
                  A legal hold is on: no retention job deletes anything until it is lifted.
                </p>
              )}
              <div className="row-form">
                {DAY_FIELDS.map((f) => (
                  <Field key={f.key} label={f.label} hint={f.hint}>
                    {(id, hint) => (
                      <input
                        id={id}
                        type="number"
                        min={f.min}
                        max={f.max}
                        value={draft[f.key]}
                        onChange={(e) => setDraft({ ...draft, [f.key]: Number(e.target.value) })}
                        aria-describedby={hint}
                        disabled={!manage}
                      />
                    )}
                  </Field>
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
              {manage && (
                <div>
                  <button type="submit" disabled={save.pending}>
                    Save policy
                  </button>
                </div>
              )}
              <OutcomeNotice outcome={save.outcome} />
            </form>
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
      <QueryView
        query={runs}
        isEmpty={(r) => r.data.length === 0}
        empty="No retention run has removed anything yet."
      >
        {(r) => (
          <table>
            <caption className="sr-only">Retention runs</caption>
            <thead>
              <tr>
                <th scope="col">Store</th>
                <th scope="col">Rows removed</th>
                <th scope="col">Started</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {r.data.map((run) => (
                <tr key={run.id}>
                  <td>{run.store}</td>
                  <td>{run.rows_removed}</td>
                  <td>{formatDate(run.started_at)}</td>
                  <td>{run.duration_ms} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}
