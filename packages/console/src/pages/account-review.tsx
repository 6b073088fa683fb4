import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { TextAreaField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, QueryView, StatusBadge } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

/** Suspensions, their reasons, and the owner's request for a human to look again. */
export function ReviewSection() {
  const { session, can } = useSession();
  const allowed = can('account:review');
  const decisions = useQuery({
    queryKey: ['account', 'decisions'],
    queryFn: () => ok(api.GET('/v1/account/decisions')),
    enabled: allowed,
  });
  const reviews = useQuery({
    queryKey: ['account', 'reviews'],
    queryFn: () => ok(api.GET('/v1/account/review-requests')),
    enabled: allowed,
  });
  const [statement, setStatement] = useState('');
  const ask = useAction({
    run: (statement: string) =>
      ok(api.POST('/v1/account/review-requests', { body: { statement } })),
    success: 'Review requested: an operator will look at it, and you will be emailed the outcome.',
    invalidate: [['account', 'reviews']],
    onDone: () => setStatement(''),
  });
  const suspended = session?.account.status === 'suspended';
  const pending = reviews.data?.data.some((r) => r.status === 'pending');
  if (!allowed)
    return (
      <Section title="Suspension" card>
        <p>An owner of this organisation can ask for a human review.</p>
      </Section>
    );
  return (
    <Section title="Standing and reviews" card id="review">
      <p>
        Status: <StatusBadge status={session?.account.status ?? 'active'} />
      </p>
      <QueryView
        query={decisions}
        isEmpty={(d) => d.data.length === 0}
        empty="No suspension, ever."
      >
        {(d) => (
          <ul className="plain">
            {d.data.map((decision) => (
              <li key={decision.id}>
                <Badge tone={decision.kind === 'reinstated' ? 'good' : 'bad'}>
                  {decision.kind}
                </Badge>{' '}
                {formatDate(decision.created_at)} — {decision.reason}{' '}
                <small className="muted">
                  {decision.automated ? '(automated)' : '(by an operator)'}
                </small>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {suspended && !pending ? (
        <ActionForm
          layout="stack"
          action={ask}
          onSubmit={() => ask.run(statement)}
          submit="Ask for a human review"
        >
          <TextAreaField
            label="Why should sending be turned back on?"
            hint="An operator reads this."
            rows={3}
            value={statement}
            onChange={setStatement}
            required
          />
        </ActionForm>
      ) : (
        <OutcomeNotice outcome={ask.outcome} />
      )}
      <QueryView query={reviews} isEmpty={(r) => r.data.length === 0} empty="No review requested.">
        {(r) => (
          <>
            <h3>Review requests</h3>
            <ul className="plain" data-testid="reviews">
              {r.data.map((review) => (
                <li key={review.id}>
                  <StatusBadge status={review.status} /> asked {formatDate(review.created_at)}: “
                  {review.statement}”{review.outcome_reason && <> — {review.outcome_reason}</>}
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </Section>
  );
}
