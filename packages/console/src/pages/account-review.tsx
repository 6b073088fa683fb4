import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas } from '../api.js';
import {
  Badge,
  Field,
  formatDate,
  OutcomeNotice,
  QueryView,
  StatusBadge,
} from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

/** Suspensions, their reasons, and the owner's request for a human to look again. */
export function ReviewSection() {
  const { session, can } = useSession();
  const allowed = can('account:review');
  const decisions = useQuery({
    queryKey: ['account', 'decisions'],
    queryFn: () => api.get<Schemas['AccountDecisionList']>('/v1/account/decisions'),
    enabled: allowed,
  });
  const reviews = useQuery({
    queryKey: ['account', 'reviews'],
    queryFn: () => api.get<Schemas['ReviewRequestList']>('/v1/account/review-requests'),
    enabled: allowed,
  });
  const [statement, setStatement] = useState('');
  const ask = useAction({
    run: (body: Schemas['CreateReviewRequest']) =>
      api.post<Schemas['ReviewRequest']>('/v1/account/review-requests', body),
    success: 'Review requested: an operator will look at it, and you will be emailed the outcome.',
    invalidate: [['account', 'reviews']],
    onDone: () => setStatement(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.run({ statement });
  };
  const suspended = session?.account.status === 'suspended';
  const pending = reviews.data?.data.some((r) => r.status === 'pending');
  if (!allowed)
    return (
      <section className="card" aria-labelledby="review">
        <h2 id="review">Suspension</h2>
        <p>An owner of this organisation can ask for a human review.</p>
      </section>
    );
  return (
    <section className="card" id="review" aria-labelledby="review-heading">
      <h2 id="review-heading">Standing and reviews</h2>
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
      {suspended && !pending && (
        <form className="form" onSubmit={submit}>
          <Field label="Why should sending be turned back on?" hint="An operator reads this.">
            {(id, hint) => (
              <textarea
                id={id}
                rows={3}
                aria-describedby={hint}
                value={statement}
                onChange={(e) => setStatement(e.target.value)}
                required
              />
            )}
          </Field>
          <div>
            <button type="submit" disabled={ask.pending}>
              Ask for a human review
            </button>
          </div>
        </form>
      )}
      <OutcomeNotice outcome={ask.outcome} />
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
    </section>
  );
}
