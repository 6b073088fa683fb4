import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api.js';
import { Field, OutcomeNotice, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';

/** Refusals about the sender: the page points at where senders are proved. */
const SENDER_ERRORS = new Set([
  'sender_not_owned',
  'sender_domain_not_allowed',
  'invalid_sender_address',
]);

type Channel = Schemas['Channel'];

const EXAMPLES = {
  sms: { to: '+14155550100', body: 'Hello from Herald' },
  email: {
    to: 'ada@example.com',
    subject: 'Hello from Herald',
    html: '<h1>Hello</h1><p>It works.</p>',
  },
  push: {
    to: `fcm-token_${'a'.repeat(40)}:APA91b${'B'.repeat(60)}`,
    title: 'Hello',
    body: 'From Herald',
  },
};

export function SendPage() {
  const [channel, setChannel] = useState<Channel>('sms');
  const [to, setTo] = useState(EXAMPLES.sms.to);
  const [subject, setSubject] = useState(EXAMPLES.email.subject);
  const [title, setTitle] = useState(EXAMPLES.push.title);
  const [body, setBody] = useState(EXAMPLES.sms.body);
  const [html, setHtml] = useState(EXAMPLES.email.html);
  const [from, setFrom] = useState('');
  const [store, setStore] = useState(true);
  const { numbers, domains } = useSenders();
  const verified = (numbers.data?.data ?? []).filter((n) => n.status === 'verified');
  const [sent, setSent] = useState<Schemas['Message'] | null>(null);
  const send = useAction({
    run: (message: Schemas['SendMessageRequest']) =>
      api.post<Schemas['Message']>('/v1/messages', message),
    success: (m) => `Accepted: ${m.channel} message ${m.id} is ${m.status}.`,
    invalidate: [['messages'], ['stats']],
    onDone: setSent,
  });
  const pick = (next: Channel) => {
    setChannel(next);
    setFrom('');
    setTo(EXAMPLES[next].to);
    setBody(
      next === 'email' ? 'Hello from Herald' : EXAMPLES[next === 'push' ? 'push' : 'sms'].body,
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const content_retention = store ? 'stored' : 'none';
    const sender = from.trim() === '' ? {} : { from: from.trim() };
    const message: Schemas['SendMessageRequest'] =
      channel === 'sms'
        ? { channel, to, body, content_retention, ...sender }
        : channel === 'email'
          ? { channel, to, subject, text: body, html, content_retention, ...sender }
          : { channel, to, title, body, content_retention };
    send.run(message);
  };
  return (
    <>
      <PageHeader
        title="Send a test message"
        description="Goes through the same API and queue as your code. In development, see it arrive in the development inbox."
      />
      <form className="card form" onSubmit={submit}>
        <fieldset className="segmented">
          <legend>Channel</legend>
          {(['sms', 'email', 'push'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="channel" checked={channel === c} onChange={() => pick(c)} />
              <span>{c === 'sms' ? 'SMS' : c === 'email' ? 'Email' : 'Push'}</span>
            </label>
          ))}
        </fieldset>
        <Field
          label={
            channel === 'sms'
              ? 'To (phone number)'
              : channel === 'email'
                ? 'To (email address)'
                : 'To (device token)'
          }
        >
          {(id) => <input id={id} value={to} onChange={(e) => setTo(e.target.value)} required />}
        </Field>
        {channel === 'sms' && (
          <Field label="From" hint="A number your organisation has verified (see Senders).">
            {(id, hint) => (
              <select
                id={id}
                aria-describedby={hint}
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              >
                <option value="">Herald's default sender</option>
                {verified.map((n) => (
                  <option key={n.id} value={n.number}>
                    {n.number}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {channel === 'email' && (
          <Field
            label="From (optional)"
            hint={
              domains.data && domains.data.data.length > 0
                ? `An address on ${domains.data.data.map((d) => d.domain).join(', ')}, like "Acme <hello@${domains.data.data[0]!.domain}>". Empty: Herald's own address.`
                : "Your organisation has no email domain yet: leave it empty to send from Herald's own address."
            }
          >
            {(id, hint) => (
              <input
                id={id}
                aria-describedby={hint}
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            )}
          </Field>
        )}
        {channel === 'email' && (
          <Field label="Subject">
            {(id) => <input id={id} value={subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
        )}
        {channel === 'push' && (
          <Field label="Title">
            {(id) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        )}
        <Field label={channel === 'email' ? 'Text' : 'Body'}>
          {(id) => (
            <textarea id={id} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        {channel === 'email' && (
          <Field label="HTML">
            {(id) => (
              <textarea id={id} rows={4} value={html} onChange={(e) => setHtml(e.target.value)} />
            )}
          </Field>
        )}
        <label className="check">
          <input type="checkbox" checked={store} onChange={(e) => setStore(e.target.checked)} />
          Store the content (uncheck for no-store mode: Herald keeps only who and when)
        </label>
        <div>
          <button type="submit" disabled={send.pending}>
            {send.pending ? 'Sending…' : 'Send'}
          </button>
        </div>
        <OutcomeNotice outcome={send.outcome} />
        {send.outcome && !send.outcome.ok && SENDER_ERRORS.has(send.outcome.code ?? '') && (
          <p>
            <Link to="/senders">See the numbers and domains you may send from</Link>
          </p>
        )}
        {sent && send.outcome?.ok && (
          <p>
            <Link to={`/messages/${sent.id}`}>Follow the message</Link> ·{' '}
            <Link to="/inbox">Open the development inbox</Link>
          </p>
        )}
      </form>
    </>
  );
}
