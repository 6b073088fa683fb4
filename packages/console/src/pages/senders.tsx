import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { QueryTable } from '../components/data-table.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, type Outcome, OutcomeNotice, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';
import { useSession } from '../session.js';
import { ProviderCapsSection } from './provider-caps.js';
import { NumberPacing } from './sender-pacing.js';
import { SendingDomainsSection } from './sending-domains.js';

type PhoneNumber = Schemas['InboundNumber'];

const claimNumber = (number: string) => ok(api.POST('/v1/phone-numbers', { body: { number } }));

/** The numbers and email domains the organisation may send from (ADR 15, ADR 33). */
export function SendersPage() {
  const { can } = useSession();
  const { numbers } = useSenders();
  const [number, setNumber] = useState('');
  const claim = useAction({
    run: claimNumber,
    success: (n) =>
      n.status === 'verified'
        ? `${n.number} is already yours.`
        : `A code was texted to ${n.number}. Enter it below to verify the number.`,
    invalidate: [['phone-numbers']],
    onDone: () => setNumber(''),
  });
  const remove = useAction({
    run: (n: PhoneNumber) =>
      ok(
        api.DELETE('/v1/phone-numbers/{phone_number_id}', {
          params: { path: { phone_number_id: n.id } },
        }),
      ),
    success: 'Removed: its inbound messages no longer come here.',
    invalidate: [['phone-numbers']],
  });
  // Told by a number's form once it is verified: the form itself goes with the pending row.
  const [verified, setVerified] = useState<Outcome>(null);
  const manage = can('numbers:manage');
  return (
    <>
      <PageHeader
        title="Senders"
        description="The numbers and email domains your organisation may send from. A number is yours once you prove you control it; until then it neither sends nor receives here."
      />
      <Section title="Phone numbers" card>
        {manage && (
          <ActionForm
            layout="row"
            action={claim}
            onSubmit={() => claim.run(number)}
            submit="Text me a code"
          >
            <TextField
              label="Phone number"
              hint="E.164, like +14155550100. Herald texts it a six-digit code, valid 10 minutes. Numbers Herald provides are assigned by its operator instead."
              value={number}
              onChange={setNumber}
              required
            />
          </ActionForm>
        )}
        <OutcomeNotice outcome={verified} />
        <OutcomeNotice outcome={remove.outcome} />
        <QueryTable
          query={numbers}
          empty="No numbers yet: messages go out from Herald's default sender."
          caption="Phone numbers"
          rowKey={(n) => n.id}
          columns={[
            { header: 'Number', cell: (n) => <code>{n.number}</code> },
            {
              header: 'Status',
              cell: (n) => (
                <Badge tone={n.status === 'verified' ? 'good' : 'muted'}>
                  {n.status === 'verified' ? 'verified' : 'waiting for the code'}
                </Badge>
              ),
            },
            { header: 'Since', cell: (n) => formatDate(n.verified_at ?? n.created_at) },
            {
              header: 'Throughput',
              cell: (n) =>
                n.status === 'verified' ? <NumberPacing number={n} manage={manage} /> : '—',
            },
            {
              header: 'Actions',
              hideHeader: true,
              cell: (n) =>
                manage && (
                  <>
                    {n.status !== 'verified' && <VerifyForm number={n} onVerified={setVerified} />}
                    <ActionButton
                      className="secondary small"
                      target={n.number}
                      onClick={() => remove.run(n)}
                    >
                      Remove
                    </ActionButton>
                  </>
                ),
            },
          ]}
        />
      </Section>
      <SendingDomainsSection manage={manage} />
      <ProviderCapsSection />
    </>
  );
}

const verifiedText = (n: PhoneNumber) => `${n.number} is verified: it is yours to send from.`;

/** The code texted to a pending number, or a new one. */
function VerifyForm({
  number,
  onVerified,
}: {
  number: PhoneNumber;
  onVerified: (outcome: Outcome) => void;
}) {
  const [code, setCode] = useState('');
  const verify = useAction({
    run: (body: Schemas['VerifyPhoneNumberRequest']) =>
      ok(
        api.POST('/v1/phone-numbers/{phone_number_id}/verify', {
          params: { path: { phone_number_id: number.id } },
          body,
        }),
      ),
    success: verifiedText,
    invalidate: [['phone-numbers']],
    onDone: (n) => onVerified({ ok: true, message: verifiedText(n) }),
  });
  const resend = useAction({
    run: () => claimNumber(number.number),
    success: 'A new code is on its way.',
  });
  return (
    <ActionForm
      layout="row"
      action={verify}
      onSubmit={() => verify.run({ code: code.trim() })}
      submit="Verify"
      // A success is told by the page (onVerified): this form goes with the pending row.
      outcome={verify.outcome?.ok === false ? verify.outcome : resend.outcome}
      more={
        <ActionButton className="secondary small" onClick={() => resend.run(undefined)}>
          Send a new code
        </ActionButton>
      }
    >
      <TextField
        label={`Code for ${number.number}`}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        value={code}
        onChange={setCode}
        required
      />
    </ActionForm>
  );
}
