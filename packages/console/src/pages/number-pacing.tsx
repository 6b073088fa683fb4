import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { TextField } from '../components/fields.js';
import { useAction } from '../components/use-action.js';

type PhoneNumber = Schemas['InboundNumber'];

const KIND_LABELS: Record<PhoneNumber['kind'], string> = {
  long_code: 'Long code',
  toll_free: 'Toll-free',
  short_code: 'Short code',
};

const perSecond = (n: number) => `${n} segment${n === 1 ? '' : 's'} a second`;

/**
 * A verified number's throughput cap and what waits on it now (ADR 28): what is sent over the
 * cap waits in Herald and goes out at it. Polled while something waits, so the backlog counts
 * down on screen.
 */
export function NumberPacing({ number, manage }: { number: PhoneNumber; manage: boolean }) {
  const detail = useQuery({
    queryKey: ['phone-numbers', number.id],
    queryFn: () =>
      ok(
        api.GET('/v1/phone-numbers/{phone_number_id}', {
          params: { path: { phone_number_id: number.id } },
        }),
      ),
    refetchInterval: (query) => ((query.state.data?.backlog?.segments ?? 0) > 0 ? 2000 : false),
  });
  const backlog = detail.data?.backlog;
  return (
    <div className="stack">
      <span>
        {KIND_LABELS[number.kind]}, {perSecond(number.segments_per_second)}
      </span>
      <span className="muted">
        {!backlog
          ? ' '
          : backlog.segments === 0 || !backlog.clears_at
            ? 'Nothing waiting.'
            : `About ${backlog.segments} segments waiting, all sent by ${new Date(
                backlog.clears_at,
              ).toLocaleTimeString()}.`}
      </span>
      {manage && <CapForm number={number} />}
    </div>
  );
}

/** Sets the cap; an empty field goes back to the kind's default. */
function CapForm({ number }: { number: PhoneNumber }) {
  const [cap, setCap] = useState('');
  const update = useAction({
    run: (segments_per_second: number | null) =>
      ok(
        api.PATCH('/v1/phone-numbers/{phone_number_id}', {
          params: { path: { phone_number_id: number.id } },
          body: { segments_per_second },
        }),
      ),
    success: (n) =>
      `${n.number} now sends at most ${perSecond(n.segments_per_second)}; messages accepted from now on are paced by it.`,
    invalidate: [['phone-numbers']],
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
        label={`Cap for ${number.number}`}
        hint="SMS segments a second the carrier allows this number (a long code 1, toll-free 3, a short code 100). Empty: the default of its kind."
        inputMode="decimal"
        value={cap}
        onChange={setCap}
      />
    </ActionForm>
  );
}
