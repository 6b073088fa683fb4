import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { TextField } from '../components/fields.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';

type PhoneNumber = Schemas['InboundNumber'];
type SenderDomain = Schemas['SenderDomain'];
/** What waits on a sender's cap now, in its unit (SMS segments, or emails). */
type Backlog = { waiting: number; clearsAt: string | null };

const KIND_LABELS: Record<PhoneNumber['kind'], string> = {
  long_code: 'Long code',
  toll_free: 'Toll-free',
  short_code: 'Short code',
};

const rate = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} a second`;
/** While something waits, poll so the backlog counts down on screen. */
const whileWaiting = (waiting: number | undefined) => ((waiting ?? 0) > 0 ? 2000 : false);

/** One number with its backlog; shared by the senders page and the messages waiting on it. */
function useNumberDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['phone-numbers', id],
    queryFn: () =>
      ok(
        api.GET('/v1/phone-numbers/{phone_number_id}', {
          params: { path: { phone_number_id: id ?? '' } },
        }),
      ),
    enabled: id !== undefined,
    refetchInterval: (query) => whileWaiting(query.state.data?.backlog?.segments),
  });
}

function useDomainDetail(domain: string | undefined) {
  return useQuery({
    queryKey: ['sender-domains', domain],
    queryFn: () =>
      ok(api.GET('/v1/sender-domains/{domain}', { params: { path: { domain: domain ?? '' } } })),
    enabled: domain !== undefined,
    refetchInterval: (query) => whileWaiting(query.state.data?.backlog?.messages),
  });
}

function BacklogText({ backlog, unit }: { backlog: Backlog | undefined; unit: string }) {
  return (
    <span className="muted">
      {!backlog
        ? ' '
        : backlog.waiting === 0 || !backlog.clearsAt
          ? 'Nothing waiting.'
          : `About ${backlog.waiting} ${unit}${backlog.waiting === 1 ? '' : 's'} waiting, all sent by ${new Date(
              backlog.clearsAt,
            ).toLocaleTimeString()}.`}
    </span>
  );
}

/**
 * A verified number's throughput cap and what waits on it now (ADR 28): what is sent over the
 * cap waits in Herald and goes out at it.
 */
export function NumberPacing({ number, manage }: { number: PhoneNumber; manage: boolean }) {
  const backlog = useNumberDetail(number.id).data?.backlog;
  return (
    <div className="stack">
      <span>
        {KIND_LABELS[number.kind]}, {rate(number.segments_per_second, 'segment')}
      </span>
      <BacklogText
        backlog={backlog && { waiting: backlog.segments, clearsAt: backlog.clears_at }}
        unit="segment"
      />
      {manage && (
        <CapForm
          label={`Cap for ${number.number}`}
          hint="SMS segments a second the carrier allows this number (a long code 1, toll-free 3, a short code 100). Empty: the default of its kind."
          run={(segments_per_second) =>
            ok(
              api.PATCH('/v1/phone-numbers/{phone_number_id}', {
                params: { path: { phone_number_id: number.id } },
                body: { segments_per_second },
              }),
            ).then(
              (n) =>
                `${n.number} now sends at most ${rate(n.segments_per_second, 'segment')}; messages accepted from now on are paced by it.`,
            )
          }
          invalidate="phone-numbers"
        />
      )}
    </div>
  );
}

/** An email domain's cap (its own, or the operator's default) and what waits on it now. */
export function DomainPacing({ domain, manage }: { domain: SenderDomain; manage: boolean }) {
  const backlog = useDomainDetail(domain.domain).data?.backlog;
  return (
    <div className="stack">
      <span>
        {domain.messages_per_second === null ? 'No cap' : rate(domain.messages_per_second, 'email')}
      </span>
      <BacklogText
        backlog={backlog && { waiting: backlog.messages, clearsAt: backlog.clears_at }}
        unit="email"
      />
      {manage && (
        <CapForm
          label={`Cap for ${domain.domain}`}
          hint="Emails a second your relay or provider allows from this domain, or a slow start for a new domain. Empty: the default of this Herald."
          run={(messages_per_second) =>
            ok(
              api.PATCH('/v1/sender-domains/{domain}', {
                params: { path: { domain: domain.domain } },
                body: { messages_per_second },
              }),
            ).then((d) =>
              d.messages_per_second === null
                ? `${d.domain} has no cap now.`
                : `${d.domain} now sends at most ${rate(d.messages_per_second, 'email')}; messages accepted from now on are paced by it.`,
            )
          }
          invalidate="sender-domains"
        />
      )}
    </div>
  );
}

/**
 * On a message still `queued` from one of the organisation's senders: whether it waits on that
 * sender's cap, and when the sender's backlog will be through (so a campaign's messages say
 * when they will go, not only that they have not yet).
 */
export function PacedNote({ message }: { message: Schemas['Message'] }) {
  const { numbers } = useSenders();
  const from =
    message.status === 'queued' && message.direction === 'outbound' ? message.from : null;
  const numberId =
    from && message.channel === 'sms'
      ? numbers.data?.data.find((n) => n.number === from && n.status === 'verified')?.id
      : undefined;
  const domain =
    from && message.channel === 'email' ? from.slice(from.lastIndexOf('@') + 1) : undefined;
  const number = useNumberDetail(numberId).data?.backlog;
  const email = useDomainDetail(domain).data?.backlog;
  const clearsAt = number?.clears_at ?? email?.clears_at;
  if (!clearsAt) return null;
  return (
    <small className="muted">
      {' '}
      paced: its sender's backlog clears by {new Date(clearsAt).toLocaleTimeString()}
    </small>
  );
}

/** Sets a cap; an empty field goes back to the default. `run` answers with what to tell. */
function CapForm(props: {
  label: string;
  hint: string;
  run: (perSecond: number | null) => Promise<string>;
  invalidate: string;
}) {
  const [cap, setCap] = useState('');
  const update = useAction({
    run: props.run,
    success: (told) => told,
    invalidate: [[props.invalidate]],
    onDone: () => setCap(''),
  });
  return (
    <ActionForm
      layout="row"
      action={update}
      onSubmit={() => update.run(cap.trim() === '' ? null : Number(cap))}
      submit="Set cap"
    >
      <TextField
        label={props.label}
        hint={props.hint}
        inputMode="decimal"
        value={cap}
        onChange={setCap}
      />
    </ActionForm>
  );
}
