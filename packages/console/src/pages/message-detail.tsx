import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, api, ok, type Schemas } from '../api.js';
import {
  ErrorNotice,
  formatDate,
  Loading,
  PageHeader,
  QueryView,
  StatusBadge,
} from '../components/ui.js';
import { MessageChain } from './message-chain.js';
import { RemoveMessage } from './remove-message.js';
import { PacedNote } from './sender-pacing.js';

export function MessageDetailPage() {
  const { id = '' } = useParams();
  const messagePath = { params: { path: { id } } };
  const message = useQuery({
    queryKey: ['message', id],
    queryFn: () => ok(api.GET('/v1/messages/{id}', messagePath)),
    // Until it is final, follow it: queued → sending → sent → delivered.
    refetchInterval: (q) =>
      ['queued', 'sending', 'scheduled', 'sent'].includes(q.state.data?.status ?? '')
        ? 2000
        : false,
  });
  const events = useQuery({
    queryKey: ['message', id, 'events', message.data?.status],
    queryFn: () => ok(api.GET('/v1/messages/{id}/events', messagePath)),
    enabled: message.isSuccess,
  });
  return (
    <>
      <p className="crumbs">
        <Link to="/messages">← Messages</Link>
      </p>
      <PageHeader title="Message" description={<code>{id}</code>} />
      <QueryView query={message}>
        {(m) => (
          <div className="detail-grid">
            <section className="card" aria-labelledby="facts">
              <h2 id="facts">Details</h2>
              <dl className="facts">
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={m.status} />
                  <PacedNote message={m} />
                </dd>
                <dt>Channel</dt>
                <dd>
                  {m.channel} ({m.direction})
                </dd>
                <dt>To</dt>
                <dd className="break">{m.to}</dd>
                <dt>From</dt>
                <dd>{m.from ?? '—'}</dd>
                <dt>Provider</dt>
                <dd>{m.provider ?? '—'}</dd>
                <dt>Provider id</dt>
                <dd className="break">{m.provider_message_id ?? '—'}</dd>
                {m.error_code && (
                  <>
                    <dt>Error</dt>
                    <dd>
                      <code>{m.error_code}</code> {m.error_message}
                    </dd>
                  </>
                )}
                <dt>Created</dt>
                <dd>{formatDate(m.created_at)}</dd>
                <dt>Sent</dt>
                <dd>{formatDate(m.sent_at)}</dd>
                {Object.keys(m.metadata).length > 0 && (
                  <>
                    <dt>Metadata</dt>
                    <dd>
                      <code>{JSON.stringify(m.metadata)}</code>
                    </dd>
                  </>
                )}
              </dl>
            </section>
            <section className="card" aria-labelledby="timeline">
              <h2 id="timeline">Status timeline</h2>
              <QueryView query={events} isEmpty={(e) => e.data.length === 0} empty="No events yet.">
                {(e) => (
                  <ol className="timeline">
                    {e.data.map((event) => (
                      <li key={`${event.status}-${event.created_at}`}>
                        <StatusBadge status={event.status} />
                        <span>{formatDate(event.created_at)}</span>
                        {event.error_code && <code>{event.error_code}</code>}
                      </li>
                    ))}
                  </ol>
                )}
              </QueryView>
            </section>
            <MessageChain message={m} />
            <section className="card wide" aria-labelledby="content">
              <h2 id="content">Content</h2>
              <Content message={m} />
            </section>
            <RemoveMessage message={m} />
          </div>
        )}
      </QueryView>
    </>
  );
}

function Content({ message }: { message: Schemas['Message'] }) {
  const content = useQuery({
    queryKey: ['message', message.id, 'content'],
    queryFn: () =>
      ok(api.GET('/v1/messages/{id}/content', { params: { path: { id: message.id } } })),
    enabled: message.content_stored,
  });
  if (!message.content_stored)
    return (
      <p className="notice neutral" data-testid="content-state">
        Content not stored: this message was sent in no-store mode, so Herald never kept what it
        said.
      </p>
    );
  if (content.isPending) return <Loading />;
  if (content.isError) {
    const code = content.error instanceof ApiError ? content.error.code : '';
    if (code === 'content_expired')
      return (
        <p className="notice neutral" data-testid="content-state">
          Content removed by retention, an erasure or a removal of this message: what it said is
          gone from Herald.
        </p>
      );
    if (code === 'content_not_stored')
      return (
        <p className="notice neutral" data-testid="content-state">
          Content not stored.
        </p>
      );
    return <ErrorNotice error={content.error} />;
  }
  const c = content.data;
  return (
    <dl className="facts">
      {c.subject !== undefined && (
        <>
          <dt>Subject</dt>
          <dd>{c.subject}</dd>
        </>
      )}
      {c.title !== undefined && (
        <>
          <dt>Title</dt>
          <dd>{c.title}</dd>
        </>
      )}
      {c.body !== undefined && (
        <>
          <dt>Body</dt>
          <dd className="pre">{c.body}</dd>
        </>
      )}
      {c.text !== undefined && (
        <>
          <dt>Text</dt>
          <dd className="pre">{c.text}</dd>
        </>
      )}
      {c.html !== undefined && (
        <>
          <dt>HTML</dt>
          <dd>
            <iframe title="The email as HTML" sandbox="" srcDoc={c.html} className="email-frame" />
          </dd>
        </>
      )}
      {c.data !== undefined && (
        <>
          <dt>Data</dt>
          <dd>
            <code>{JSON.stringify(c.data)}</code>
          </dd>
        </>
      )}
    </dl>
  );
}
