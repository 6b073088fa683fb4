import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, query, type Schemas } from '../api.js';
import { CopyButton } from '../components/copy-button.js';
import { downloadJson } from '../components/download.js';
import { Badge, Field, formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

type Subject = Schemas['SubjectRequest'];

export function SubjectsSection() {
  const { can } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [channel, setChannel] = useState('');
  const subject = (): Subject => ({
    identifier: identifier.trim(),
    ...(channel && { channel: channel as Schemas['Channel'] }),
  });
  const [found, setFound] = useState<Schemas['Subject'] | null>(null);
  const [receipt, setReceipt] = useState<Schemas['ErasureReceipt'] | null>(null);
  const [exported, setExported] = useState<Schemas['SubjectExport'] | null>(null);
  const [restriction, setRestriction] = useState<Schemas['SubjectRestriction'] | null>(null);
  const lookUp = useAction({
    run: (s: Subject) => api.get<Schemas['Subject']>(`/v1/subjects${query({ ...s })}`),
    success: (s) => `Found what Herald holds about ${s.identifier_masked}.`,
    onDone: setFound,
  });
  const exportData = useAction({
    run: (s: Subject) => api.post<Schemas['SubjectExport']>('/v1/subjects/exports', s),
    success: 'Export started: the archive is being built.',
    onDone: setExported,
  });
  const erase = useAction({
    run: (s: Subject) => api.post<Schemas['ErasureReceipt']>('/v1/subjects/erasures', s),
    success: 'Erased from every store. The signed receipt is below.',
    invalidate: [['messages'], ['retention']],
    onDone: (r) => {
      setReceipt(r);
      setFound(null);
    },
  });
  const restrict = useAction({
    run: (s: Subject) => api.post<Schemas['SubjectRestriction']>('/v1/subjects/restrictions', s),
    success: (r) =>
      `${r.identifier_masked} is restricted: no send, no processing, nothing deleted.`,
    onDone: setRestriction,
  });
  const lift = useAction({
    run: (r: Schemas['SubjectRestriction']) => api.delete(`/v1/subjects/restrictions/${r.id}`),
    success: 'Restriction lifted.',
    onDone: () => setRestriction(null),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookUp.run(subject());
  };
  const outcome =
    lift.outcome ?? restrict.outcome ?? erase.outcome ?? exportData.outcome ?? lookUp.outcome;
  const manage = can('privacy:manage');
  return (
    <section className="card" aria-labelledby="subjects">
      <h2 id="subjects">An end user's rights</h2>
      <p className="muted">Look up, export, erase or restrict everything about one recipient.</p>
      <form className="row-form" onSubmit={submit}>
        <Field label="Phone number, email or push token">
          {(id) => (
            <input
              id={id}
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Channel">
          {(id) => (
            <select id={id} value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">Guess from its shape</option>
              <option value="sms">SMS</option>
              <option value="email">Email</option>
              <option value="push">Push</option>
            </select>
          )}
        </Field>
        <button type="submit">Look up</button>
        {manage && (
          <>
            <button
              type="button"
              className="secondary"
              disabled={!identifier}
              onClick={() => exportData.run(subject())}
            >
              Export
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!identifier}
              onClick={() => restrict.run(subject())}
            >
              Restrict
            </button>
            <button
              type="button"
              className="danger"
              disabled={!identifier}
              onClick={() =>
                window.confirm('Erase this end user from every store? This cannot be undone.') &&
                erase.run(subject())
              }
            >
              Erase
            </button>
          </>
        )}
      </form>
      <OutcomeNotice outcome={outcome} />
      {found && <Holdings subject={found} />}
      {exported && <ExportStatus created={exported} />}
      {restriction && (
        <p>
          Restricted: <code>{restriction.identifier_masked}</code>{' '}
          <button type="button" className="secondary small" onClick={() => lift.run(restriction)}>
            Lift the restriction
          </button>
        </p>
      )}
      {receipt && <Receipt receipt={receipt} />}
    </section>
  );
}

function Holdings({ subject }: { subject: Schemas['Subject'] }) {
  return (
    <div>
      <h3>
        {subject.identifier_masked} ({subject.channel})
      </h3>
      <p>
        {subject.suppressed ? (
          <Badge tone="bad">suppressed: {subject.suppressed}</Badge>
        ) : (
          <Badge>not suppressed</Badge>
        )}{' '}
        {subject.restricted && <Badge tone="bad">restricted</Badge>}
      </p>
      {subject.holdings.length === 0 ? (
        <p className="muted">Herald holds nothing about this recipient.</p>
      ) : (
        <table>
          <caption className="sr-only">Holdings</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">What</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {subject.holdings.map((h) => (
              <tr key={`${h.store}-${h.category}`}>
                <td>{h.store}</td>
                <td>{h.description}</td>
                <td>{h.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ExportStatus({ created }: { created: Schemas['SubjectExport'] }) {
  const status = useQuery({
    queryKey: ['subject-export', created.id],
    queryFn: () => api.get<Schemas['SubjectExport']>(`/v1/subjects/exports/${created.id}`),
    refetchInterval: (q) => (q.state.data?.status === 'pending' || !q.state.data ? 1000 : false),
  });
  const download = useAction({
    run: () => api.get<Schemas['SubjectArchive']>(created.download_url!),
    success: 'Downloaded. The archive is deleted from Herald now.',
    onDone: (archive) => downloadJson(`herald-export-${created.id}.json`, archive),
  });
  const state = status.data?.status ?? created.status;
  return (
    <div className="notice neutral">
      <p>
        Export <code>{created.id}</code>:{' '}
        <Badge tone={state === 'ready' ? 'good' : undefined}>{state}</Badge> (due{' '}
        {formatDate(created.deadline_at)}, link expires {formatDate(created.expires_at)})
      </p>
      {state === 'ready' && created.download_url && (
        <button type="button" onClick={() => download.run(undefined)} disabled={download.pending}>
          Download the archive
        </button>
      )}
      <OutcomeNotice outcome={download.outcome} />
    </div>
  );
}

function Receipt({ receipt }: { receipt: Schemas['ErasureReceipt'] }) {
  return (
    <div className="receipt" data-testid="erasure-receipt">
      <h3>Erasure receipt</h3>
      <dl className="facts">
        <dt>Receipt</dt>
        <dd>
          <code>{receipt.id}</code>
        </dd>
        <dt>Completed</dt>
        <dd>{formatDate(receipt.completed_at)}</dd>
        <dt>Identifier hash</dt>
        <dd className="break">
          <code>{receipt.identifier_hash}</code>
        </dd>
        <dt>Removed</dt>
        <dd>
          {Object.entries(receipt.counts)
            .map(([what, n]) => `${what}: ${n}`)
            .join(' · ')}
        </dd>
        <dt>Signature (Ed25519)</dt>
        <dd className="break">
          <code>{receipt.signature}</code>
        </dd>
      </dl>
      <p>
        <CopyButton value={JSON.stringify(receipt)} label="Copy the receipt" />{' '}
        <button
          type="button"
          className="secondary small"
          onClick={() => downloadJson(`herald-erasure-${receipt.id}.json`, receipt)}
        >
          Download the receipt
        </button>
      </p>
      <p className="muted">Verify it with the public key at GET /v1/privacy/receipt-key.</p>
    </div>
  );
}
