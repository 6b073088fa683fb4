import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { downloadJson } from '../components/download.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function AccountDataSection() {
  const { can, session, refresh } = useSession();
  const closure = useQuery({
    queryKey: ['closure'],
    queryFn: async () => {
      try {
        return await ok(api.GET('/v1/account/closure'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: can('account:close'),
  });
  const exportData = useAction({
    run: () => ok(api.GET('/v1/account/export')),
    success: 'Your organisation’s data is downloaded.',
    onDone: (data) => downloadJson(`herald-account-${data.account.id}.json`, data),
  });
  const [confirm, setConfirm] = useState('');
  const close = useAction({
    run: (name: string) => ok(api.DELETE('/v1/account', { body: { confirm: name } })),
    success:
      'The organisation is closing. Content is shredded now; the rest after the grace period.',
    invalidate: [['closure']],
    onDone: () => void refresh(),
  });
  const cancel = useAction({
    run: () => ok(api.DELETE('/v1/account/closure')),
    success: 'Closing cancelled: the organisation is active again.',
    invalidate: [['closure']],
    onDone: () => void refresh(),
  });
  return (
    <Section title="Your organisation's data" card>
      {can('account:export') && (
        <p>
          <ActionButton
            className="secondary"
            onClick={() => exportData.run(undefined)}
            disabled={exportData.pending}
          >
            Download everything the account store holds (JSON)
          </ActionButton>
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
              <ActionButton
                onClick={() => {
                  close.reset();
                  cancel.run(undefined);
                }}
              >
                Cancel closing
              </ActionButton>
            </div>
          ) : (
            <ActionForm
              layout="stack"
              action={close}
              onSubmit={() => {
                // One notice for both actions: it reports the one that ran last.
                cancel.reset();
                close.run(confirm);
              }}
              submit="Close the account"
              submitClass="danger"
              outcome={false}
            >
              <p className="muted">
                Content is shredded at once (its key destroyed). Usage and account data are removed
                after a grace period, during which an owner can cancel. Billing and audit records
                are kept without personal data for their legal period.
              </p>
              <TextField
                label={`Type “${session?.account.name}” to confirm`}
                value={confirm}
                onChange={setConfirm}
                required
              />
            </ActionForm>
          )}
          <OutcomeNotice outcome={close.outcome ?? cancel.outcome} />
        </>
      )}
    </Section>
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
