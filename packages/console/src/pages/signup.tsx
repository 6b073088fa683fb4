import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { Field, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function SignUpPage() {
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', email: '', password: '', organization_name: '' });
  const signUp = useAction({
    run: (body: Schemas['SignUpRequest']) => api.post<Schemas['Session']>('/v1/auth/signup', body),
    success: 'Welcome to Herald.',
    onDone: (session) => {
      setSession(session);
      void navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.run(form);
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <AuthFrame
      title="Create your account"
      footer={
        <p>
          Already have one? <Link to="/login">Log in</Link>
        </p>
      }
    >
      <form onSubmit={submit}>
        <Field label="Your name">
          {(id) => (
            <input id={id} value={form.name} onChange={set('name')} required autoComplete="name" />
          )}
        </Field>
        <Field label="Work email">
          {(id) => (
            <input
              id={id}
              type="email"
              value={form.email}
              onChange={set('email')}
              required
              autoComplete="email"
            />
          )}
        </Field>
        <Field label="Password" hint="At least 12 characters.">
          {(id, hint) => (
            <input
              id={id}
              type="password"
              value={form.password}
              onChange={set('password')}
              required
              autoComplete="new-password"
              aria-describedby={hint}
            />
          )}
        </Field>
        <Field label="Organisation name">
          {(id) => (
            <input
              id={id}
              value={form.organization_name}
              onChange={set('organization_name')}
              required
            />
          )}
        </Field>
        <button type="submit" disabled={signUp.pending}>
          {signUp.pending ? 'Creating…' : 'Create account'}
        </button>
        <OutcomeNotice outcome={signUp.outcome} />
      </form>
    </AuthFrame>
  );
}
