import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';
import { STATUSES } from './messages.js';

/** Handed to the provider or ended (`sent` and after): nothing more goes out. */
const FINISHED = STATUSES.slice(STATUSES.indexOf('sent'));

/**
 * `DELETE /v1/messages/{id}` from the message's page: its content and recipient go, as an
 * erasure takes them; its record stays for billing.
 */
export function RemoveMessage({ message }: { message: Schemas['Message'] }) {
  const { can } = useSession();
  const remove = useAction({
    run: () => ok(api.DELETE('/v1/messages/{id}', { params: { path: { id: message.id } } })),
    success: (r) =>
      r.content_removed || r.identifier_removed
        ? 'Removed: what it said and who it was to are gone; its record stays for billing.'
        : 'Nothing was left to remove.',
    invalidate: [['message', message.id]],
  });
  if (!can('messages:delete') || !FINISHED.includes(message.status)) return null;
  return (
    <section className="card wide" aria-labelledby="remove">
      <h2 id="remove">Remove</h2>
      <p className="muted">
        Removes this message's content, its{' '}
        {message.direction === 'inbound' ? 'sender' : 'recipient'}, metadata and webhook events from
        every store, as an erasure would. The record of the message stays.
      </p>
      <ActionButton
        className="danger"
        confirm="Remove this message's content and recipient? This cannot be undone."
        onClick={() => remove.run(undefined)}
      >
        Remove message
      </ActionButton>
      <OutcomeNotice outcome={remove.outcome} />
    </section>
  );
}
