import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { CHANNELS } from '../components/channels.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { OutcomeNotice, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';

/** Refusals about the sender: the page points at where senders are proved. */
const SENDER_ERRORS = new Set([
  'sender_not_owned',
  'sender_domain_not_allowed',
  'invalid_sender_address',
]);

type Channel = Schemas['Channel'];

const TO_LABELS: Record<Channel, string> = {
  sms: 'To (phone number)',
  email: 'To (email address)',
  push: 'To (device token)',
};

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
    run: (body: Schemas['SendMessageRequest']) => ok(api.POST('/v1/messages', { body })),
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
          {CHANNELS.map(([c, label]) => (
            <label key={c}>
              <input type="radio" name="channel" checked={channel === c} onChange={() => pick(c)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <TextField label={TO_LABELS[channel]} value={to} onChange={setTo} required />
        {channel === 'sms' && (
          <SelectField
            label="From"
            hint="A number your organisation has verified (see Senders)."
            value={from}
            onChange={setFrom}
            options={[
              ['', "Herald's default sender"],
              ...verified.map((n) => [n.number, n.number] as const),
            ]}
          />
        )}
        {channel === 'email' && (
          <TextField
            label="From (optional)"
            hint={
              domains.data && domains.data.data.length > 0
                ? `An address on ${domains.data.data.map((d) => d.domain).join(', ')}, like "Acme <hello@${domains.data.data[0]!.domain}>". Empty: Herald's own address.`
                : "Your organisation has no email domain yet: leave it empty to send from Herald's own address."
            }
            value={from}
            onChange={setFrom}
          />
        )}
        {channel === 'email' && <TextField label="Subject" value={subject} onChange={setSubject} />}
        {channel === 'push' && <TextField label="Title" value={title} onChange={setTitle} />}
        <TextAreaField
          label={channel === 'email' ? 'Text' : 'Body'}
          rows={3}
          value={body}
          onChange={setBody}
        />
        {channel === 'email' && (
          <TextAreaField label="HTML" rows={4} value={html} onChange={setHtml} />
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
