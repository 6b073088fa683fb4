import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { DataTable } from '../components/data-table.js';
import { asOptions, SelectField, TextField, useFormState } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, OutcomeNotice, PageHeader, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';
import { RemoveMemberDialog } from './remove-member.js';

type Member = Schemas['Member'];
type Role = Schemas['Role'];

const ROLES: Role[] = ['owner', 'admin', 'developer', 'viewer'];

export function TeamPage() {
  const { can, session } = useSession();
  const manage = can('members:manage');
  // Only the roles this person may grant, as the API says: never one above their own.
  const grantable = session?.grantable_roles ?? [];
  const members = useQuery({ queryKey: ['members'], queryFn: () => ok(api.GET('/v1/members')) });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => ok(api.GET('/v1/invitations')),
    enabled: manage,
  });
  const { form, setForm, bind } = useFormState<Schemas['CreateInvitationRequest']>({
    email: '',
    role: 'developer',
  });
  const invite = useAction({
    run: (body: Schemas['CreateInvitationRequest']) => ok(api.POST('/v1/invitations', { body })),
    success: (i) => `Invitation sent to ${i.email}.`,
    invalidate: [['invitations']],
    onDone: () => setForm({ ...form, email: '' }),
  });
  const memberPath = (member: Member) => ({ path: { user_id: member.user_id } });
  const changeRole = useAction({
    run: (input: { member: Member; role: Role }) =>
      ok(
        api.PATCH('/v1/members/{user_id}', {
          params: memberPath(input.member),
          body: { role: input.role },
        }),
      ),
    success: (m) => `${m.name} is now ${m.role}.`,
    invalidate: [['members']],
  });
  const [removing, setRemoving] = useState<Member | null>(null);
  const removeMember = useAction({
    run: (input: { member: Member; body: Schemas['RemoveMemberRequest'] }) =>
      ok(
        api.DELETE('/v1/members/{user_id}', { params: memberPath(input.member), body: input.body }),
      ),
    success: 'Member removed.',
    invalidate: [['members'], ['api-keys'], ['invitations']],
    onDone: () => setRemoving(null),
  });
  const revoke = useAction({
    run: (invitation: Schemas['Invitation']) =>
      ok(
        api.DELETE('/v1/invitations/{invitation_id}', {
          params: { path: { invitation_id: invitation.id } },
        }),
      ),
    success: 'Invitation revoked: its link no longer works.',
    invalidate: [['invitations']],
  });
  const roleCell = (member: Member) =>
    manage ? (
      <select
        aria-label={`Role of ${member.name}`}
        value={member.role}
        disabled={!grantable.includes(member.role)}
        onChange={(e) => changeRole.run({ member, role: e.target.value as Role })}
      >
        {ROLES.filter((r) => r === member.role || grantable.includes(r)).map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
    ) : (
      <Badge>{member.role}</Badge>
    );
  return (
    <>
      <PageHeader
        title="Team"
        description="Who can use this console, and what their role lets them do."
      />
      {manage && (
        <Section title="Invite someone" card>
          <ActionForm
            layout="row"
            action={invite}
            onSubmit={() => invite.run(form)}
            submit="Send invitation"
          >
            <TextField label="Email" type="email" {...bind('email')} required />
            <SelectField label="Role" {...bind('role')} options={asOptions(grantable)} />
          </ActionForm>
        </Section>
      )}
      <Section title="Members">
        <OutcomeNotice outcome={changeRole.outcome ?? removeMember.outcome} />
        <QueryView query={members}>
          {(m) => (
            <DataTable
              caption="Members"
              rows={m.data}
              rowKey={(member) => member.user_id}
              columns={[
                {
                  header: 'Name',
                  cell: (member) => (
                    <>
                      {member.name}
                      {member.user_id === session?.user.id && (
                        <small className="muted"> (you)</small>
                      )}
                    </>
                  ),
                },
                { header: 'Email', cell: (member) => member.email },
                { header: 'Role', cell: roleCell },
                { header: 'Joined', cell: (member) => formatDate(member.joined_at) },
                {
                  header: 'Actions',
                  hideHeader: true,
                  cell: (member) =>
                    manage &&
                    member.user_id !== session?.user.id && (
                      <ActionButton
                        className="danger small"
                        target={member.name}
                        onClick={() => {
                          removeMember.reset();
                          setRemoving(member);
                        }}
                      >
                        Remove
                      </ActionButton>
                    ),
                },
              ]}
            />
          )}
        </QueryView>
      </Section>
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
        <Section title="Open invitations">
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
                      <ActionButton
                        className="secondary small"
                        target={`the invitation of ${invitation.email}`}
                        onClick={() => revoke.run(invitation)}
                      >
                        Revoke
                      </ActionButton>
                    </li>
                  ))}
              </ul>
            )}
          </QueryView>
        </Section>
      )}
    </>
  );
}
