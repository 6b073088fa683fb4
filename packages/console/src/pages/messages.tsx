import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, query, type Schemas } from '../api.js';
import {
  Empty,
  ErrorNotice,
  Field,
  formatDate,
  Loading,
  PageHeader,
  StatusBadge,
} from '../components/ui.js';

const STATUSES: Schemas['MessageStatus'][] = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'canceled',
  'received',
];

type Filters = { channel: string; status: string; to: string; after: string; before: string };
const NONE: Filters = { channel: '', status: '', to: '', after: '', before: '' };

/** A date input's day as the start (or end) of that UTC day. */
const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}Z`).toISOString() : undefined;

export function MessagesPage() {
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const messages = useInfiniteQuery({
    queryKey: ['messages', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Schemas['MessageList']>(
        `/v1/messages${query({
          limit: 25,
          cursor: pageParam,
          channel: filters.channel,
          status: filters.status,
          to: filters.to.trim(),
          created_after: dayBound(filters.after, false),
          created_before: dayBound(filters.before, true),
        })}`,
      ),
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const rows = messages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader
        title="Messages"
        description="Every message, newest first."
        actions={
          <Link className="button" to="/send">
            Send a test
          </Link>
        }
      />
      <form className="filters card" onSubmit={submit} aria-label="Filter messages">
        <Field label="Channel">
          {(id) => (
            <select id={id} value={draft.channel} onChange={set('channel')}>
              <option value="">All</option>
              <option value="sms">SMS</option>
              <option value="email">Email</option>
              <option value="push">Push</option>
            </select>
          )}
        </Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={draft.status} onChange={set('status')}>
              <option value="">All</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Recipient">
          {(id) => (
            <input id={id} value={draft.to} onChange={set('to')} placeholder="+14155550100" />
          )}
        </Field>
        <Field label="From (UTC)">
          {(id) => <input id={id} type="date" value={draft.after} onChange={set('after')} />}
        </Field>
        <Field label="To (UTC)">
          {(id) => <input id={id} type="date" value={draft.before} onChange={set('before')} />}
        </Field>
        <div className="filter-actions">
          <button type="submit">Apply</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(NONE);
              setFilters(NONE);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {messages.isPending ? (
        <Loading />
      ) : messages.isError ? (
        <ErrorNotice error={messages.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {filters === NONE ? (
            <>
              No messages yet. <Link to="/send">Send a test message</Link>.
            </>
          ) : (
            'No message matches these filters.'
          )}
        </Empty>
      ) : (
        <>
          <table>
            <caption className="sr-only">Messages</caption>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Channel</th>
                <th scope="col">Recipient</th>
                <th scope="col">Status</th>
                <th scope="col">Created (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/messages/${m.id}`}>
                      <code>{m.id}</code>
                    </Link>
                  </td>
                  <td>{m.direction === 'inbound' ? `${m.channel} (inbound)` : m.channel}</td>
                  <td className="truncate">{m.to}</td>
                  <td>
                    <StatusBadge status={m.status} />
                    {m.error_code && <small className="muted"> {m.error_code}</small>}
                  </td>
                  <td>{formatDate(m.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {messages.hasNextPage && (
            <button
              type="button"
              className="secondary"
              onClick={() => void messages.fetchNextPage()}
              disabled={messages.isFetchingNextPage}
            >
              {messages.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </>
  );
}
