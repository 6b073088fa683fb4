import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { CopyButton } from '../components/copy-button.js';
import { DataTable } from '../components/data-table.js';
import { Badge, formatDate, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { DomainPacing } from './sender-pacing.js';

type SenderDomain = Schemas['SenderDomain'];
type DnsRecord = Schemas['DnsRecord'];

const PURPOSES: Record<DnsRecord['purpose'], string> = {
  dkim: 'DKIM',
  spf: 'SPF',
  dmarc: 'DMARC',
  return_path: 'Return path',
};

const RECORD_STATUSES: Record<DnsRecord['status'], string> = {
  verified: 'Verified',
  pending: 'Not found',
  not_checked: 'Not checked',
};

function recordTone(record: DnsRecord): string | undefined {
  if (record.status === 'verified') return 'good';
  // A missing required record is what keeps the domain pending; an advised one only advises.
  return record.status === 'pending' && record.required ? 'bad' : undefined;
}

/** What a look-up found, in a sentence: verified, or which required records are missing. */
function verifiedText(d: SenderDomain): string {
  if (d.status === 'verified') return `${d.domain} is verified: live keys may send from it.`;
  const missing = d.dns_records
    .filter((r) => r.required && r.status !== 'verified')
    .map((r) => PURPOSES[r.purpose]);
  return `Not verified yet: the ${missing.join(' and ')} record${missing.length === 1 ? ' was' : 's were'} not found. DNS changes can take a while to be seen; try again later.`;
}

/**
 * One email domain: its status, who added it, its cap, and for a domain the organisation added,
 * the DNS records that prove it holds it, with a look-up on demand.
 */
export function SendingDomain(props: {
  domain: SenderDomain;
  manage: boolean;
  onRemove: () => void;
}) {
  const { domain: d, manage } = props;
  const heading = useId();
  const client = useQueryClient();
  const verify = useAction({
    run: () =>
      ok(
        api.POST('/v1/sender-domains/{domain}/verify', { params: { path: { domain: d.domain } } }),
      ),
    success: verifiedText,
    // Drawn from the answer: another look-up of the list would tell nothing new.
    onDone: (answer) =>
      client.setQueryData<Schemas['SenderDomainList']>(
        ['sender-domains'],
        (list) =>
          list && {
            ...list,
            data: list.data.map((x) => (x.domain === answer.domain ? answer : x)),
          },
      ),
  });
  const own = d.added_by === 'organisation';
  return (
    <section className="sending-domain" aria-labelledby={heading}>
      <div className="button-row">
        <h3 id={heading}>
          <code>{d.domain}</code>
        </h3>
        <Badge tone={d.status === 'verified' ? 'good' : undefined}>
          {d.status === 'verified' ? 'Verified' : 'Pending'}
        </Badge>
        <span className="muted">
          {own ? 'Added by your organisation' : 'Listed by the operator of this Herald'},{' '}
          {formatDate(d.created_at)}
        </span>
      </div>
      <dl className="facts">
        <dt>Throughput</dt>
        <dd>
          <DomainPacing domain={d} manage={manage} />
        </dd>
        {own && (
          <>
            <dt>DNS</dt>
            <dd>
              {d.checked_at ? `Last checked ${formatDate(d.checked_at)}` : 'Not checked yet'}
              {d.verified_at && `; verified ${formatDate(d.verified_at)}`}
            </dd>
          </>
        )}
      </dl>
      {own && <DnsRecords domain={d} />}
      {own && manage && (
        <div className="button-row">
          <ActionButton
            className={d.status === 'verified' ? 'secondary' : undefined}
            target={d.domain}
            disabled={verify.pending}
            onClick={() => verify.run(undefined)}
          >
            {verify.pending ? 'Looking up…' : 'Verify DNS'}
          </ActionButton>
          <ActionButton
            className="secondary"
            target={d.domain}
            confirm={`Remove ${d.domain}? Its DKIM key is deleted; emails accepted from it and not yet sent will fail.`}
            onClick={props.onRemove}
          >
            Remove
          </ActionButton>
        </div>
      )}
      {verify.outcome?.ok && d.status !== 'verified' ? (
        // Looked up, but not there yet: news, neither a success nor a failure.
        <p role="status" className="notice neutral">
          {verify.outcome.message}
        </p>
      ) : (
        <OutcomeNotice outcome={verify.outcome} />
      )}
    </section>
  );
}

function DnsRecords({ domain }: { domain: SenderDomain }) {
  return (
    <DataTable
      caption={`DNS records for ${domain.domain}`}
      rows={domain.dns_records}
      rowKey={(r) => r.purpose}
      columns={[
        { header: 'Purpose', cell: (r) => PURPOSES[r.purpose] },
        { header: 'Type', cell: (r) => r.type },
        {
          header: 'Name',
          className: 'dns-name',
          cell: (r) => <code className="break">{r.name}</code>,
        },
        {
          header: 'Value',
          className: 'dns-value',
          cell: (r) => (
            <div className="stack">
              <code className="break">{r.value}</code>
              <span>
                <CopyButton value={r.value} label={`Copy ${PURPOSES[r.purpose]}`} />
              </span>
            </div>
          ),
        },
        { header: 'Needed', cell: (r) => (r.required ? 'Required' : 'Advised') },
        {
          header: 'Status',
          cell: (r) => <Badge tone={recordTone(r)}>{RECORD_STATUSES[r.status]}</Badge>,
        },
      ]}
    />
  );
}
