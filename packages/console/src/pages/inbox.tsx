import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ChannelFilter } from '../components/channels.js';
import { Empty, ErrorNotice, formatDate, Loading, PageHeader } from '../components/ui.js';

export function InboxPage() {
  const [channel, setChannel] = useState<Schemas['Channel'] | ''>('');
  const inbox = useQuery({
    queryKey: ['inbox', channel],
    queryFn: () =>
      ok(api.GET('/v1/dev/inbox', { params: { query: { channel: channel || undefined } } })),
    refetchInterval: (q) => (q.state.error ? false : 3000),
  });
  const disabled = inbox.error instanceof ApiError && inbox.error.code === 'dev_inbox_disabled';
  return (
    <>
      <PageHeader
        title="Development inbox"
        description="What the local SMS, email and push servers of npm start received: the whole path, without any provider account."
        actions={<ChannelFilter value={channel} onChange={setChannel} />}
      />
      {inbox.isPending ? (
        <Loading />
      ) : disabled ? (
        <Empty>
          The development inbox is off: this Herald sends through real providers (or runs in
          production). Under <code>npm start</code> it shows what the local servers received.
        </Empty>
      ) : inbox.isError ? (
        <ErrorNotice error={inbox.error} />
      ) : inbox.data.data.length === 0 ? (
        <Empty>
          Nothing received yet. <Link to="/send">Send a test message</Link>; it appears here within
          seconds.
        </Empty>
      ) : (
        <ul className="inbox" aria-label="Received">
          {inbox.data.data.map((item) => (
            <InboxItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </>
  );
}

function InboxItem({ item }: { item: Schemas['DevInboxItem'] }) {
  return (
    <li className="card inbox-item" data-channel={item.channel}>
      <div className="inbox-head">
        <span className={`badge channel-${item.channel}`}>{item.channel}</span>
        <span className="break">
          To <strong>{item.to}</strong>
          {item.from && <> from {item.from}</>}
        </span>
        <span className="muted">{formatDate(item.received_at)}</span>
        <Link to={`/messages/${item.message_id}`}>Message</Link>
      </div>
      {item.channel === 'email' ? (
        <>
          <h2 className="inbox-subject">{item.subject}</h2>
          {item.html ? (
            <iframe
              title={`Email: ${item.subject ?? ''}`}
              sandbox=""
              srcDoc={item.html}
              className="email-frame"
            />
          ) : (
            <p className="pre">{item.text}</p>
          )}
        </>
      ) : (
        <>
          {item.title && <h2 className="inbox-subject">{item.title}</h2>}
          {item.body && <p className="pre bubble">{item.body}</p>}
          {item.data && (
            <p>
              <code>{JSON.stringify(item.data)}</code>
            </p>
          )}
        </>
      )}
    </li>
  );
}
