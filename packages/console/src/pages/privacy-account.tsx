import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, type Schemas } from '../api.js';
import { downloadJson } from '../components/download.js';
import { Field, formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function AccountDataSection() {
  const { can, session, refresh } = useSession();
  const closure = useQuery({
    queryKey: ['closure'],
    queryFn: async () => {
      try {
        return await api.get<Schemas['AccountClosure']>('/v1/account/closure');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: can('account:close'),
  });
  const exportData = useAction({
    run: () => api.get<Schemas['AccountExport']>('/v1/account/export'),
    success: 'Your organisation’s data is downloaded.',
    onDone: (data) => downloadJson(`herald-account-${data.account.id}.json`, data),
  });
  const [confirm, setConfirm] = useState('');
  const close = useAction({
    run: (name: string) => api.delete<Schemas['AccountClosure']>('/v1/account', { confirm: name }),
    success:
      'The organisation is closing. Content is shredded now; the rest after the grace period.',
    invalidate: [['closure']],
    onDone: () => void refresh(),
  });
  const cancel = useAction({
    run: () => api.delete<Schemas['Account']>('/v1/account/closure'),
    success: 'Closing cancelled: the organisation is active again.',
    invalidate: [['closure']],
    onDone: () => void refresh(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // One notice for both actions: it reports the one that ran last.
    cancel.reset();
    close.run(confirm);
  };
  return (
    <section className="card" aria-labelledby="org-data">
      <h2 id="org-data">Your organisation's data</h2>
      {can('account:export') && (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => exportData.run(undefined)}
            disabled={exportData.pending}
          >
            Download everything the account store holds (JSON)
          </button>
        </p>
      )}
      <OutcomeNotice outcome={exportData.outcome} />
      {can('account:close') && (
        <>
          <h3>Close the account</h3>
          {closure.data ? (
            <div className="notice danger-soft">
              <p>
                Closing since {formatDate(closure.data.requested_at)}. Content was shredded{' '}
                {formatDate(closure.data.content_shredded_at)}; everything else is removed on{' '}
                <strong>{formatDate(closure.data.purge_at)}</strong>.
              </p>
              <KeptList kept={closure.data.kept} />
              <button
                type="button"
                onClick={() => {
                  close.reset();
                  cancel.run(undefined);
                }}
              >
                Cancel closing
              </button>
            </div>
          ) : (
            <form className="form" onSubmit={submit}>
              <p className="muted">
                Content is shredded at once (its key destroyed). Usage and account data are removed
                after a grace period, during which an owner can cancel. Billing and audit records
                are kept without personal data for their legal period.
              </p>
              <Field label={`Type “${session?.account.name}” to confirm`}>
                {(id) => (
                  <input
                    id={id}
                    value={confirm}
                    onChange={(e) => setConfirm(e.target.value)}
                    required
                  />
                )}
              </Field>
              <div>
                <button type="submit" className="danger" disabled={close.pending}>
                  Close the account
                </button>
              </div>
            </form>
          )}
          <OutcomeNotice outcome={close.outcome ?? cancel.outcome} />
        </>
      )}
    </section>
  );
}

function KeptList({ kept }: { kept: Schemas['KeptRecord'][] }) {
  return (
    <ul>
      {kept.map((k) => (
        <li key={k.category}>
          Kept until {formatDate(k.kept_until)}: {k.contents} — {k.why}
        </li>
      ))}
    </ul>
  );
}
