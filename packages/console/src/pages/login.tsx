import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, type Schemas } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { Field, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function LogInPage() {
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const logIn = useAction({
    run: (body: Schemas['LogInRequest']) => api.post<Schemas['Session']>('/v1/auth/login', body),
    success: 'Logged in.',
    onDone: (next) => {
      setSession(next);
      void navigate(from);
    },
  });
  if (session && !logIn.pending && !logIn.outcome) return <Navigate to="/" replace />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn.run({ email, password });
  };
  return (
    <AuthFrame
      title="Log in"
      footer={
        <p>
          New to Herald? <Link to="/signup">Create an account</Link> ·{' '}
          <Link to="/reset-password">Forgot your password?</Link>
        </p>
      }
    >
      <form onSubmit={submit}>
        <Field label="Email">
          {(id) => (
            <input
              id={id}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoComplete="username"
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
              autoComplete="current-password"
            />
          )}
        </Field>
        <button type="submit" disabled={logIn.pending}>
          {logIn.pending ? 'Logging in…' : 'Log in'}
        </button>
        <OutcomeNotice outcome={logIn.outcome} />
      </form>
    </AuthFrame>
  );
}
