import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas } from '../api.js';
import {
  Badge,
  Field,
  formatDate,
  OutcomeNotice,
  PageHeader,
  QueryView,
} from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { grantableRoles } from '../permissions.js';
import { useSession } from '../session.js';
import { RemoveMemberDialog } from './remove-member.js';

const ROLES: Schemas['Role'][] = ['owner', 'admin', 'developer', 'viewer'];

export function TeamPage() {
  const { can, session } = useSession();
  const manage = can('members:manage');
  // Only the roles this person may grant: never one above their own.
  const grantable = session ? grantableRoles(session.role) : [];
  const members = useQuery({
    queryKey: ['members'],
    queryFn: () => api.get<Schemas['MemberList']>('/v1/members'),
  });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => api.get<Schemas['InvitationList']>('/v1/invitations'),
    enabled: manage,
  });
  const [form, setForm] = useState<Schemas['CreateInvitationRequest']>({
    email: '',
    role: 'developer',
  });
  const invite = useAction({
    run: (body: Schemas['CreateInvitationRequest']) =>
      api.post<Schemas['Invitation']>('/v1/invitations', body),
    success: (i) => `Invitation sent to ${i.email}.`,
    invalidate: [['invitations']],
    onDone: () => setForm({ ...form, email: '' }),
  });
  const changeRole = useAction({
    run: (input: { member: Schemas['Member']; role: Schemas['Role'] }) =>
      api.patch<Schemas['Member']>(`/v1/members/${input.member.user_id}`, { role: input.role }),
    success: (m) => `${m.name} is now ${m.role}.`,
    invalidate: [['members']],
  });
  const [removing, setRemoving] = useState<Schemas['Member'] | null>(null);
  const removeMember = useAction({
    run: (input: { member: Schemas['Member']; body: Schemas['RemoveMemberRequest'] }) =>
      api.delete(`/v1/members/${input.member.user_id}`, input.body),
    success: 'Member removed.',
    invalidate: [['members'], ['api-keys'], ['invitations']],
    onDone: () => setRemoving(null),
  });
  const revoke = useAction({
    run: (invitation: Schemas['Invitation']) => api.delete(`/v1/invitations/${invitation.id}`),
    success: 'Invitation revoked: its link no longer works.',
    invalidate: [['invitations']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.run(form);
  };
  const memberOutcome = changeRole.outcome ?? removeMember.outcome;
  return (
    <>
      <PageHeader
        title="Team"
        description="Who can use this console, and what their role lets them do."
      />
      {manage && (
        <section className="card" aria-labelledby="invite">
          <h2 id="invite">Invite someone</h2>
          <form className="row-form" onSubmit={submit}>
            <Field label="Email">
              {(id) => (
                <input
                  id={id}
                  type="email"
                  value={form.email}
                  onChange={(e) => setForm({ ...form, email: e.target.value })}
                  required
                />
              )}
            </Field>
            <Field label="Role">
              {(id) => (
                <select
                  id={id}
                  value={form.role}
                  onChange={(e) => setForm({ ...form, role: e.target.value as Schemas['Role'] })}
                >
                  {grantable.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" disabled={invite.pending}>
              Send invitation
            </button>
          </form>
          <OutcomeNotice outcome={invite.outcome} />
        </section>
      )}
      <section aria-labelledby="members">
        <h2 id="members">Members</h2>
        <OutcomeNotice outcome={memberOutcome} />
        <QueryView query={members}>
          {(m) => (
            <table>
              <caption className="sr-only">Members</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.data.map((member) => (
                  <tr key={member.user_id}>
                    <td>
                      {member.name}
                      {member.user_id === session?.user.id && (
                        <small className="muted"> (you)</small>
                      )}
                    </td>
                    <td>{member.email}</td>
                    <td>
                      {manage ? (
                        <select
                          aria-label={`Role of ${member.name}`}
                          value={member.role}
                          disabled={!grantable.includes(member.role)}
                          onChange={(e) =>
                            changeRole.run({ member, role: e.target.value as Schemas['Role'] })
                          }
                        >
                          {ROLES.filter((r) => r === member.role || grantable.includes(r)).map(
                            (r) => (
                              <option key={r}>{r}</option>
                            ),
                          )}
                        </select>
                      ) : (
                        <Badge>{member.role}</Badge>
                      )}
                    </td>
                    <td>{formatDate(member.joined_at)}</td>
                    <td>
                      {manage && member.user_id !== session?.user.id && (
                        <button
                          type="button"
                          className="danger small"
                          onClick={() => {
                            removeMember.reset();
                            setRemoving(member);
                          }}
                        >
                          Remove<span className="sr-only"> {member.name}</span>
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
      {removing && (
        <RemoveMemberDialog
          key={removing.user_id}
          member={removing}
          pending={removeMember.pending}
          onRemove={(body) => removeMember.run({ member: removing, body })}
          onCancel={() => setRemoving(null)}
        />
      )}
      {manage && (
        <section aria-labelledby="invitations">
          <h2 id="invitations">Open invitations</h2>
          <OutcomeNotice outcome={revoke.outcome} />
          <QueryView
            query={invitations}
            isEmpty={(i) => i.data.filter((x) => x.status === 'pending').length === 0}
            empty="No open invitations."
          >
            {(i) => (
              <ul className="plain">
                {i.data
                  .filter((x) => x.status === 'pending')
                  .map((invitation) => (
                    <li key={invitation.id}>
                      {invitation.email} as <Badge>{invitation.role}</Badge>{' '}
                      <small className="muted">expires {formatDate(invitation.expires_at)}</small>{' '}
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => revoke.run(invitation)}
                      >
                        Revoke<span className="sr-only"> the invitation of {invitation.email}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            )}
          </QueryView>
        </section>
      )}
    </>
  );
}
