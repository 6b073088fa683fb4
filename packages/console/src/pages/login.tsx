import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { TextField } from '../components/fields.js';
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
    run: (body: Schemas['LogInRequest']) => ok(api.POST('/v1/auth/login', { body })),
    success: 'Logged in.',
    onDone: (next) => {
      setSession(next);
      void navigate(from);
    },
  });
  if (session && !logIn.pending && !logIn.outcome) return <Navigate to="/" replace />;
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
      <ActionForm
        layout="plain"
        action={logIn}
        onSubmit={() => logIn.run({ email, password })}
        submit="Log in"
        pendingLabel="Logging in…"
      >
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          required
          autoComplete="username"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="current-password"
        />
      </ActionForm>
    </AuthFrame>
  );
}
