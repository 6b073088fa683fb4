import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, query, type Schemas } from '../api.js';
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

export function SuppressionsPage() {
  const { can } = useSession();
  const [channel, setChannel] = useState('');
  const list = useQuery({
    queryKey: ['suppressions', channel],
    queryFn: () =>
      api.get<Schemas['SuppressionList']>(`/v1/suppressions${query({ channel, limit: 100 })}`),
  });
  const [form, setForm] = useState<Schemas['CreateSuppressionRequest']>({
    channel: 'sms',
    identifier: '',
  });
  const add = useAction({
    run: (body: Schemas['CreateSuppressionRequest']) =>
      api.post<Schemas['Suppression']>('/v1/suppressions', body),
    success: (s) => `${s.identifier_masked} will not be sent to.`,
    invalidate: [['suppressions']],
    onDone: () => setForm({ ...form, identifier: '' }),
  });
  const remove = useAction({
    run: (s: Schemas['Suppression']) => api.delete(`/v1/suppressions/${s.id}`),
    success: 'Removed: sending to this recipient is allowed again.',
    invalidate: [['suppressions']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.run(form);
  };
  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Recipients Herald will not send to: opt-outs, bounces, complaints and your own additions. Only a keyed hash and a masked form are kept."
      />
      {can('suppressions:manage') && (
        <section className="card" aria-labelledby="add-suppression">
          <h2 id="add-suppression">Add a recipient</h2>
          <form className="row-form" onSubmit={submit}>
            <Field label="Channel">
              {(id) => (
                <select
                  id={id}
                  value={form.channel}
                  onChange={(e) =>
                    setForm({ ...form, channel: e.target.value as Schemas['Channel'] })
                  }
                >
                  <option value="sms">SMS</option>
                  <option value="email">Email</option>
                  <option value="push">Push</option>
                </select>
              )}
            </Field>
            <Field label="Phone number, email or token">
              {(id) => (
                <input
                  id={id}
                  value={form.identifier}
                  onChange={(e) => setForm({ ...form, identifier: e.target.value })}
                  required
                />
              )}
            </Field>
            <button type="submit" disabled={add.pending}>
              Suppress
            </button>
          </form>
          <OutcomeNotice outcome={add.outcome} />
        </section>
      )}
      <OutcomeNotice outcome={remove.outcome} />
      <label className="inline">
        Channel{' '}
        <select value={channel} onChange={(e) => setChannel(e.target.value)}>
          <option value="">All</option>
          <option value="sms">SMS</option>
          <option value="email">Email</option>
          <option value="push">Push</option>
        </select>
      </label>
      <QueryView
        query={list}
        isEmpty={(l) => l.data.length === 0}
        empty="No suppressed recipients."
      >
        {(l) => (
          <table>
            <caption className="sr-only">Suppressions</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Channel</th>
                <th scope="col">Reason</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {l.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <code>{s.identifier_masked}</code>
                  </td>
                  <td>{s.channel}</td>
                  <td>
                    <Badge>{s.reason}</Badge>
                  </td>
                  <td>{formatDate(s.created_at)}</td>
                  <td>
                    {can('suppressions:manage') && (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => remove.run(s)}
                      >
                        Remove<span className="sr-only"> {s.identifier_masked}</span>
                      </button>
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
