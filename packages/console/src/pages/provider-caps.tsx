import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api.js';
import { QueryTable } from '../components/data-table.js';
import { Section } from '../components/section.js';

type ProviderAccount = Schemas['ProviderAccount'];

const PROVIDER_LABELS: Record<ProviderAccount['provider'], string> = {
  twilio: 'Twilio account (SMS)',
  smtp: 'SMTP server (email)',
  fcm: 'FCM project (push)',
};

const capText = (account: ProviderAccount) =>
  account.per_second === null
    ? 'No cap'
    : `${account.per_second} ${account.unit === 'segments' ? 'segment' : 'message'}${account.per_second === 1 ? '' : 's'} a second`;

/**
 * The caps of the provider accounts every message also goes through (ADR 28). The operator of
 * this Herald sets them, so the page shows them without a form.
 */
export function ProviderCapsSection() {
  const accounts = useQuery({
    queryKey: ['provider-accounts'],
    queryFn: () => ok(api.GET('/v1/provider-accounts')),
  });
  return (
    <Section title="Provider accounts" card>
      <p className="muted">
        Besides its sender's cap, every message counts against the cap of the provider account
        Herald sends its channel through, shared by every organisation here. The operator of this
        Herald sets these.
      </p>
      <QueryTable
        query={accounts}
        empty="No provider accounts."
        caption="Provider accounts"
        rowKey={(a) => a.channel}
        columns={[
          { header: 'Provider account', cell: (a) => PROVIDER_LABELS[a.provider] },
          { header: 'Throughput', cell: capText },
        ]}
      />
    </Section>
  );
}
