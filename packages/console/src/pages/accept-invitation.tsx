import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { TextField } from '../components/fields.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAction({
    run: (body: Schemas['AcceptInvitationRequest']) =>
      ok(api.POST('/v1/auth/invitations/accept', { body })),
    success: (session) => `You joined ${session.account.name}.`,
    onDone: (session) => {
      setSession(session);
      void navigate('/');
    },
  });
  return (
    <AuthFrame title="Join your team">
      <p className="muted">
        New to Herald? Give your name and choose a password. Already have an account? Leave the name
        empty and use your password.
      </p>
      <ActionForm
        layout="plain"
        action={accept}
        onSubmit={() => accept.run({ token, password, ...(name && { name }) })}
        submit="Accept invitation"
        disabled={!token}
        more={
          !token && (
            <p role="alert" className="notice error">
              This link has no token. Open the link from the email again.
            </p>
          )
        }
      >
        <TextField
          label="Your name (new accounts)"
          value={name}
          onChange={setName}
          autoComplete="name"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="new-password"
        />
      </ActionForm>
    </AuthFrame>
  );
}
