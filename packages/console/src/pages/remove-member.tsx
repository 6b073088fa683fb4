import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { DataTable } from '../components/data-table.js';
import { formatDate, QueryView } from '../components/ui.js';

type Decision = 'keep' | 'revoke';

/**
 * Removing a member asks what becomes of each of their live API keys: keep it (you become its
 * owner, so your role bounds it; it never gets wider) or revoke it. The API refuses the removal
 * until every key has an answer (ADR 16).
 */
export function RemoveMemberDialog(props: {
  member: Schemas['Member'];
  pending: boolean;
  onRemove: (decisions: Schemas['RemoveMemberRequest']) => void;
  onCancel: () => void;
}) {
  const { member } = props;
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => ok(api.GET('/v1/api-keys')) });
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const live = (keys.data?.data ?? []).filter(
    (k) => k.owner_user_id === member.user_id && !k.revoked_at,
  );
  const undecided = live.filter((k) => !decisions[k.id]).length;
  const remove = () =>
    props.onRemove({
      api_keys: live.map((k) => ({ id: k.id, decision: decisions[k.id]! })),
    });
  return (
    <section className="card" role="dialog" aria-labelledby="remove-member">
      <h2 id="remove-member">Remove {member.name}</h2>
      <p>They lose access at once, and the invitations they sent are revoked.</p>
      <QueryView query={keys}>
        {() =>
          live.length === 0 ? (
            <p className="muted">They own no live API keys.</p>
          ) : (
            <DataTable
              caption="Their live API keys: keep each one (you become its owner) or revoke it"
              showCaption
              rows={live}
              rowKey={(key) => key.id}
              columns={[
                {
                  header: 'Key',
                  cell: (key) => (
                    <>
                      {key.name} <code>{key.prefix}…</code>
                    </>
                  ),
                },
                { header: 'Scope', cell: (key) => key.scope },
                { header: 'Last used', cell: (key) => formatDate(key.last_used_at) },
                {
                  header: 'Decision',
                  cell: (key) => (
                    <select
                      aria-label={`What to do with ${key.name}`}
                      value={decisions[key.id] ?? ''}
                      onChange={(e) =>
                        setDecisions({ ...decisions, [key.id]: e.target.value as Decision })
                      }
                    >
                      <option value="" disabled>
                        Choose…
                      </option>
                      <option value="keep">Keep: I become its owner</option>
                      <option value="revoke">Revoke</option>
                    </select>
                  ),
                },
              ]}
            />
          )
        }
      </QueryView>
      <div className="button-row">
        <ActionButton
          className="danger"
          disabled={props.pending || !keys.data || undecided > 0}
          onClick={remove}
        >
          Remove {member.name}
        </ActionButton>
        <ActionButton className="secondary" onClick={props.onCancel}>
          Cancel
        </ActionButton>
      </div>
    </section>
  );
}
