import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { channelsOr } from '../components/channels.js';
import { CopyButton } from '../components/copy-button.js';
import { DataTable } from '../components/data-table.js';
import { downloadJson } from '../components/download.js';
import { SelectField, TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

type Subject = Schemas['SubjectRequest'];

export function SubjectsSection() {
  const { can } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [channel, setChannel] = useState<Schemas['Channel'] | ''>('');
  const subject = (): Subject => ({
    identifier: identifier.trim(),
    ...(channel && { channel }),
  });
  const [found, setFound] = useState<Schemas['Subject'] | null>(null);
  const [receipt, setReceipt] = useState<Schemas['ErasureReceipt'] | null>(null);
  const [exported, setExported] = useState<Schemas['SubjectExport'] | null>(null);
  const [restriction, setRestriction] = useState<Schemas['SubjectRestriction'] | null>(null);
  const lookUp = useAction({
    run: (query: Subject) => ok(api.GET('/v1/subjects', { params: { query } })),
    success: (s) => `Found what Herald holds about ${s.identifier_masked}.`,
    onDone: setFound,
  });
  const exportData = useAction({
    run: (body: Subject) => ok(api.POST('/v1/subjects/exports', { body })),
    success: 'Export started: the archive is being built.',
    onDone: setExported,
  });
  const erase = useAction({
    run: (body: Subject) => ok(api.POST('/v1/subjects/erasures', { body })),
    success: 'Erased from every store. The signed receipt is below.',
    invalidate: [['messages'], ['retention']],
    onDone: (r) => {
      setReceipt(r);
      setFound(null);
    },
  });
  const restrict = useAction({
    run: (body: Subject) => ok(api.POST('/v1/subjects/restrictions', { body })),
    success: (r) =>
      `${r.identifier_masked} is restricted: no send, no processing, nothing deleted.`,
    onDone: setRestriction,
  });
  const lift = useAction({
    run: (r: Schemas['SubjectRestriction']) =>
      ok(
        api.DELETE('/v1/subjects/restrictions/{restriction_id}', {
          params: { path: { restriction_id: r.id } },
        }),
      ),
    success: 'Restriction lifted.',
    onDone: () => setRestriction(null),
  });
  const outcome =
    lift.outcome ?? restrict.outcome ?? erase.outcome ?? exportData.outcome ?? lookUp.outcome;
  const manage = can('privacy:manage');
  return (
    <Section title="An end user's rights" card>
      <p className="muted">Look up, export, erase or restrict everything about one recipient.</p>
      <ActionForm
        layout="row"
        action={lookUp}
        onSubmit={() => lookUp.run(subject())}
        submit="Look up"
        outcome={outcome}
        more={
          manage && (
            <>
              <ActionButton
                className="secondary"
                disabled={!identifier}
                onClick={() => exportData.run(subject())}
              >
                Export
              </ActionButton>
              <ActionButton
                className="secondary"
                disabled={!identifier}
                onClick={() => restrict.run(subject())}
              >
                Restrict
              </ActionButton>
              <ActionButton
                className="danger"
                disabled={!identifier}
                confirm="Erase this end user from every store? This cannot be undone."
                onClick={() => erase.run(subject())}
              >
                Erase
              </ActionButton>
            </>
          )
        }
      >
        <TextField
          label="Phone number, email or push token"
          value={identifier}
          onChange={setIdentifier}
          required
        />
        <SelectField
          label="Channel"
          value={channel}
          onChange={setChannel}
          options={channelsOr('Guess from its shape')}
        />
      </ActionForm>
      {found && <Holdings subject={found} />}
      {exported && <ExportStatus created={exported} />}
      {restriction && (
        <p>
          Restricted: <code>{restriction.identifier_masked}</code>{' '}
          <ActionButton className="secondary small" onClick={() => lift.run(restriction)}>
            Lift the restriction
          </ActionButton>
        </p>
      )}
      {receipt && <Receipt receipt={receipt} />}
    </Section>
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
        <DataTable
          caption="Holdings"
          rows={subject.holdings}
          rowKey={(h) => `${h.store}-${h.category}`}
          columns={[
            { header: 'Store', cell: (h) => h.store },
            { header: 'What', cell: (h) => h.description },
            { header: 'Count', cell: (h) => h.count },
          ]}
        />
      )}
    </div>
  );
}

/** The one-time token of an export's `download_url` (only in the creation answer). */
const downloadToken = (created: Schemas['SubjectExport']) =>
  new URL(created.download_url ?? '', window.location.origin).searchParams.get('token') ?? '';

function ExportStatus({ created }: { created: Schemas['SubjectExport'] }) {
  const exportPath = { params: { path: { export_id: created.id } } };
  const status = useQuery({
    queryKey: ['subject-export', created.id],
    queryFn: () => ok(api.GET('/v1/subjects/exports/{export_id}', exportPath)),
    refetchInterval: (q) => (q.state.data?.status === 'pending' || !q.state.data ? 1000 : false),
  });
  const download = useAction({
    // The link's token rides in its query: the typed route is called with it.
    run: () =>
      ok(
        api.GET('/v1/subjects/exports/{export_id}/download', {
          params: { ...exportPath.params, query: { token: downloadToken(created) } },
        }),
      ),
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
        <ActionButton onClick={() => download.run(undefined)} disabled={download.pending}>
          Download the archive
        </ActionButton>
      )}
      <OutcomeNotice outcome={download.outcome} />
    </div>
  );
}

/** What each line of a receipt's propagation says was done. */
const PROPAGATION: Record<Schemas['ErasureReceipt']['propagation'][number]['outcome'], string> = {
  deletion_requested: 'asked to delete its copy',
  notified: 'told with a signed subject.erased event',
  not_possible: 'could not be asked.',
};

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
        <dt>Told</dt>
        <dd>
          <ul className="plain" data-testid="erasure-propagation">
            {receipt.propagation.map((line) => (
              <li key={line.to}>
                <strong>{line.to}</strong> ({line.count}): {PROPAGATION[line.outcome]}
                {line.reason && <span className="muted"> {line.reason}</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Provider deletions</dt>
        <dd>
          {receipt.provider_deletions.deleted + receipt.provider_deletions.gone} done,{' '}
          {receipt.provider_deletions.pending} waiting, {receipt.provider_deletions.failed} refused
        </dd>
        <dt>Signature (Ed25519)</dt>
        <dd className="break">
          <code>{receipt.signature}</code>
        </dd>
      </dl>
      <p>
        <CopyButton value={JSON.stringify(receipt)} label="Copy the receipt" />{' '}
        <ActionButton
          className="secondary small"
          onClick={() => downloadJson(`herald-erasure-${receipt.id}.json`, receipt)}
        >
          Download the receipt
        </ActionButton>
      </p>
      <p className="muted">Verify it with the public key at GET /v1/privacy/receipt-key.</p>
    </div>
  );
}
