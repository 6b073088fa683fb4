import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { DataTable } from '../components/data-table.js';
import { Section } from '../components/section.js';
import { Badge, Empty, ErrorNotice, Loading, PageHeader } from '../components/ui.js';
import { RequestFormSection } from './privacy-requests-form.js';

type PrivacyRequest = Schemas['PrivacyRequest'];

const PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How close a deadline has to be before the register warns about it. */
const WARN_DAYS = 7;

const KINDS: Record<PrivacyRequest['kind'], string> = {
  find: 'look-up',
  export: 'copy of their data',
  erasure: 'erasure',
  restriction: 'restriction',
  restriction_lifted: 'restriction lifted',
  objection: 'objection',
};

const SOURCES: Record<PrivacyRequest['source'], string> = {
  organisation: 'you',
  end_user: 'the end user',
};

const STATUSES: Record<PrivacyRequest['status'], { label: string; tone?: string }> = {
  awaiting_verification: { label: 'awaiting verification' },
  pending: { label: 'pending' },
  completed: { label: 'completed', tone: 'good' },
  failed: { label: 'failed', tone: 'bad' },
  expired: { label: 'expired', tone: 'muted' },
};

export function PrivacyRequestsPage() {
  // The cursors of the pages before this one: "Newer" goes back through them.
  const [cursors, setCursors] = useState<Array<string | undefined>>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const list = useQuery({
    queryKey: ['privacy-requests', cursor],
    queryFn: () =>
      ok(api.GET('/v1/privacy-requests', { params: { query: { limit: PAGE_SIZE, cursor } } })),
    placeholderData: keepPreviousData,
  });
  const older = (next: string) => {
    setCursors([...cursors, cursor]);
    setCursor(next);
  };
  const newer = () => {
    setCursor(cursors.at(-1));
    setCursors(cursors.slice(0, -1));
  };
  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="The register of what end users asked about their data, who filed it, and when it is due: 30 days after it was received."
      />
      <Section title="Register" card>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorNotice error={list.error} />
        ) : list.data.data.length === 0 && cursor === undefined ? (
          <Empty>
            No privacy requests yet. Those you make on the <Link to="/privacy">Privacy</Link> page
            or through the API, and those end users file on your request form, are listed here.
          </Empty>
        ) : (
          <>
            <Register rows={list.data.data} />
            <div className="button-row">
              {cursor !== undefined && (
                <button type="button" className="secondary" onClick={newer}>
                  Newer
                </button>
              )}
              {list.data.has_more && list.data.next_cursor && (
                <button
                  type="button"
                  className="secondary"
                  disabled={list.isPlaceholderData}
                  onClick={() => older(list.data.next_cursor!)}
                >
                  Older
                </button>
              )}
            </div>
          </>
        )}
      </Section>
      <RequestFormSection />
    </>
  );
}

function Register({ rows }: { rows: PrivacyRequest[] }) {
  const now = Date.now();
  return (
    // Focusable so that a keyboard can scroll it sideways on a narrow screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region has to take focus.
    <section className="table-scroll" tabIndex={0} aria-label="Privacy requests (scrolls sideways)">
      <DataTable
        caption="Privacy requests, newest first"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Kind', cell: (r) => KINDS[r.kind] },
          { header: 'Filed by', className: 'nowrap', cell: (r) => SOURCES[r.source] },
          {
            header: 'Status',
            cell: (r) => <Badge tone={STATUSES[r.status].tone}>{STATUSES[r.status].label}</Badge>,
          },
          { header: 'Received (UTC)', cell: (r) => <When at={r.received_at} /> },
          { header: 'Verified (UTC)', cell: (r) => <When at={r.verified_at} /> },
          { header: 'Due (UTC)', cell: (r) => <Due request={r} now={now} /> },
          { header: 'Done (UTC)', cell: (r) => <When at={r.completed_at} /> },
          { header: 'Outcome', className: 'outcome', cell: (r) => r.outcome ?? '—' },
          {
            header: 'End user',
            cell: (r) => (
              <>
                <code title={r.identifier_hash}>{r.identifier_hash.slice(0, 12)}…</code>{' '}
                <small className="muted">{r.channel}</small>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

/** A moment in UTC, its day and its time each kept on one line so the column can narrow. */
function When({ at }: { at: string | null }) {
  if (!at) return <>—</>;
  const moment = new Date(at);
  return (
    <time dateTime={at}>
      <span className="nowrap">
        {moment.toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })}
      </span>{' '}
      <span className="nowrap">
        {moment.toLocaleTimeString('en-GB', { timeStyle: 'short', timeZone: 'UTC' })}
      </span>
    </time>
  );
}

/** The deadline, and a warning while the request is open and the deadline near or past. */
function Due({ request, now }: { request: PrivacyRequest; now: number }) {
  const open = request.completed_at === null && request.status !== 'expired';
  const left = Date.parse(request.deadline_at) - now;
  const days = Math.ceil(left / DAY_MS);
  return (
    <div className="stack">
      <When at={request.deadline_at} />
      {open && left < 0 && <Badge tone="bad">overdue</Badge>}
      {open && left >= 0 && days <= WARN_DAYS && (
        <Badge tone="warn">{days <= 1 ? 'due within a day' : `due in ${days} days`}</Badge>
      )}
    </div>
  );
}
