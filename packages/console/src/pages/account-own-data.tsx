import { useState } from 'react';
import { api, ok } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

/**
 * A user's own data (issue 17, item 5): a copy of everything Herald keeps about them as a
 * user, as a JSON file, and the deletion of their user, with their password.
 */
export function OwnDataSection() {
  const { setSession } = useSession();
  const [password, setPassword] = useState('');
  const download = useAction({
    run: () => ok(api.GET('/v1/me/export')),
    success: 'Your copy is downloaded (herald-my-data.json).',
    onDone: (copy) => {
      const file = new Blob([JSON.stringify(copy, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = 'herald-my-data.json';
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  const remove = useAction({
    run: (current: string) => ok(api.DELETE('/v1/me', { body: { password: current } })),
    success: 'Your user is deleted.',
    onDone: () => setSession(null),
  });
  return (
    <Section title="Your data" card>
      <p className="muted">
        A copy of your profile, your sign-ins, your memberships and what you did in each
        organisation's audit log.
      </p>
      <ActionButton className="secondary" onClick={() => download.run(undefined)}>
        Download my data
      </ActionButton>
      <OutcomeNotice outcome={download.outcome} />
      <h3>Delete my user</h3>
      <p className="muted">
        You leave every organisation; the API keys you own and the invitations you sent are revoked.
        Each organisation keeps its audit records of what you did under your user id only. If you
        are the last owner of an organisation, make another member an owner, or close it, first.
      </p>
      <ActionForm
        layout="stack"
        action={remove}
        onSubmit={() => remove.run(password)}
        submit="Delete my user"
        submitClass="danger"
      >
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          required
        />
      </ActionForm>
    </Section>
  );
}
