import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { channelsOr } from '../components/channels.js';
import { DataTable } from '../components/data-table.js';
import { SelectField, TextField } from '../components/fields.js';
import {
  Empty,
  ErrorNotice,
  formatDate,
  Loading,
  PageHeader,
  StatusBadge,
} from '../components/ui.js';
import { PacedNote } from './sender-pacing.js';

/** Every status, in the order a message goes through them (the API's order). */
export const STATUSES: Schemas['MessageStatus'][] = [
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

type Filters = {
  channel: Schemas['Channel'] | '';
  status: Schemas['MessageStatus'] | '';
  to: string;
  after: string;
  before: string;
};
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
      ok(
        api.GET('/v1/messages', {
          params: {
            query: {
              limit: 25,
              cursor: pageParam,
              channel: filters.channel || undefined,
              status: filters.status || undefined,
              to: filters.to.trim() || undefined,
              created_after: dayBound(filters.after, false),
              created_before: dayBound(filters.before, true),
            },
          },
        }),
      ),
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setDraft({ ...draft, [key]: value });
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
        <SelectField
          label="Channel"
          value={draft.channel}
          onChange={set('channel')}
          options={channelsOr('All')}
        />
        <SelectField
          label="Status"
          value={draft.status}
          onChange={set('status')}
          options={[['', 'All'], ...STATUSES.map((s) => [s, s] as const)]}
        />
        <TextField
          label="Recipient"
          value={draft.to}
          onChange={set('to')}
          placeholder="+14155550100"
        />
        <TextField label="From (UTC)" type="date" value={draft.after} onChange={set('after')} />
        <TextField label="To (UTC)" type="date" value={draft.before} onChange={set('before')} />
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
          <DataTable
            caption="Messages"
            rows={rows}
            rowKey={(m) => m.id}
            columns={[
              {
                header: 'Message',
                cell: (m) => (
                  <Link to={`/messages/${m.id}`}>
                    <code>{m.id}</code>
                  </Link>
                ),
              },
              {
                header: 'Channel',
                cell: (m) => (m.direction === 'inbound' ? `${m.channel} (inbound)` : m.channel),
              },
              { header: 'Recipient', className: 'truncate', cell: (m) => m.to },
              {
                header: 'Status',
                cell: (m) => (
                  <>
                    <StatusBadge status={m.status} />
                    {m.error_code && <small className="muted"> {m.error_code}</small>}
                    <PacedNote message={m} />
                  </>
                ),
              },
              { header: 'Created (UTC)', cell: (m) => formatDate(m.created_at) },
            ]}
          />
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
