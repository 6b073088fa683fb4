import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Schemas } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { Field, OutcomeNotice } from '../components/ui.js';
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
      api.post<Schemas['Session']>('/v1/auth/invitations/accept', body),
    success: (session) => `You joined ${session.account.name}.`,
    onDone: (session) => {
      setSession(session);
      void navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.run({ token, password, ...(name && { name }) });
  };
  return (
    <AuthFrame title="Join your team">
      <p className="muted">
        New to Herald? Give your name and choose a password. Already have an account? Leave the name
        empty and use your password.
      </p>
      <form onSubmit={submit}>
        <Field label="Your name (new accounts)">
          {(id) => (
            <input
              id={id}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
            />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoComplete="new-password"
            />
          )}
        </Field>
        <button type="submit" disabled={accept.pending || !token}>
          Accept invitation
        </button>
        {!token && (
          <p role="alert" className="notice error">
            This link has no token. Open the link from the email again.
          </p>
        )}
        <OutcomeNotice outcome={accept.outcome} />
      </form>
    </AuthFrame>
  );
}
