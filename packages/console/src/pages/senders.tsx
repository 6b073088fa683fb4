import { type FormEvent, useState } from 'react';
import { api, type Schemas } from '../api.js';
import {
  Badge,
  Field,
  formatDate,
  type Outcome,
  OutcomeNotice,
  PageHeader,
  QueryView,
} from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';
import { useSession } from '../session.js';

type PhoneNumber = Schemas['InboundNumber'];

/** The numbers and email domains the organisation may send from (ADR 15). */
export function SendersPage() {
  const { can } = useSession();
  const { numbers, domains } = useSenders();
  const [number, setNumber] = useState('');
  const claim = useAction({
    run: (body: Schemas['CreatePhoneNumberRequest']) =>
      api.post<PhoneNumber>('/v1/phone-numbers', body),
    success: (n) =>
      n.status === 'verified'
        ? `${n.number} is already yours.`
        : `A code was texted to ${n.number}. Enter it below to verify the number.`,
    invalidate: [['phone-numbers']],
    onDone: () => setNumber(''),
  });
  const remove = useAction({
    run: (n: PhoneNumber) => api.delete(`/v1/phone-numbers/${n.id}`),
    success: 'Removed: its inbound messages no longer come here.',
    invalidate: [['phone-numbers']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    claim.run({ number });
  };
  // Told by a number's form once it is verified: the form itself goes with the pending row.
  const [verified, setVerified] = useState<Outcome>(null);
  const manage = can('numbers:manage');
  return (
    <>
      <PageHeader
        title="Senders"
        description="The numbers and email domains your organisation may send from. A number is yours once you prove you control it; until then it neither sends nor receives here."
      />
      <section className="card" aria-labelledby="numbers">
        <h2 id="numbers">Phone numbers</h2>
        {manage && (
          <form className="row-form" onSubmit={submit}>
            <Field
              label="Phone number"
              hint="E.164, like +14155550100. Herald texts it a six-digit code, valid 10 minutes. Numbers Herald provides are assigned by its operator instead."
            >
              {(id, hint) => (
                <input
                  id={id}
                  aria-describedby={hint}
                  value={number}
                  onChange={(e) => setNumber(e.target.value)}
                  required
                />
              )}
            </Field>
            <button type="submit" disabled={claim.pending}>
              Text me a code
            </button>
          </form>
        )}
        <OutcomeNotice outcome={claim.outcome} />
        <OutcomeNotice outcome={verified} />
        <OutcomeNotice outcome={remove.outcome} />
        <QueryView
          query={numbers}
          isEmpty={(l) => l.data.length === 0}
          empty="No numbers yet: messages go out from Herald's default sender."
        >
          {(l) => (
            <table>
              <caption className="sr-only">Phone numbers</caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Status</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {l.data.map((n) => (
                  <tr key={n.id}>
                    <td>
                      <code>{n.number}</code>
                    </td>
                    <td>
                      <Badge tone={n.status === 'verified' ? 'good' : 'muted'}>
                        {n.status === 'verified' ? 'verified' : 'waiting for the code'}
                      </Badge>
                    </td>
                    <td>{formatDate(n.verified_at ?? n.created_at)}</td>
                    <td>
                      {manage && n.status !== 'verified' && (
                        <VerifyForm number={n} onVerified={setVerified} />
                      )}
                      {manage && (
                        <button
                          type="button"
                          className="secondary small"
                          onClick={() => remove.run(n)}
                        >
                          Remove<span className="sr-only"> {n.number}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
      <section className="card" aria-labelledby="domains">
        <h2 id="domains">Email domains</h2>
        <p className="muted">
          An email's From and Reply-To must be on one of these. The operator of this Herald adds
          them; without one, email goes out from Herald's own address.
        </p>
        <QueryView
          query={domains}
          isEmpty={(l) => l.data.length === 0}
          empty="No domains yet: ask the operator of this Herald to add yours."
        >
          {(l) => (
            <ul>
              {l.data.map((d) => (
                <li key={d.domain}>
                  <code>{d.domain}</code>
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
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
      api.post<PhoneNumber>(`/v1/phone-numbers/${number.id}/verify`, body),
    success: verifiedText,
    invalidate: [['phone-numbers']],
    onDone: (n) => onVerified({ ok: true, message: verifiedText(n) }),
  });
  const resend = useAction({
    run: () => api.post<PhoneNumber>('/v1/phone-numbers', { number: number.number }),
    success: 'A new code is on its way.',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.run({ code: code.trim() });
  };
  return (
    <form className="row-form" onSubmit={submit}>
      <Field label={`Code for ${number.number}`}>
        {(id) => (
          <input
            id={id}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        )}
      </Field>
      <button type="submit" disabled={verify.pending}>
        Verify
      </button>
      <button type="button" className="secondary small" onClick={() => resend.run(undefined)}>
        Send a new code
      </button>
      <OutcomeNotice outcome={verify.outcome ?? resend.outcome} />
    </form>
  );
}
