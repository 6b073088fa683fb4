import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { Field, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';

/**
 * Sign-up answers the same whether or not the address already has a user, so this page shows
 * the same "check your inbox" either way: the inbox holds a verification link, or a note that
 * the address is already in use.
 */
export function SignUpPage() {
  const [form, setForm] = useState({ name: '', email: '', password: '', organization_name: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const signUp = useAction({
    run: (body: Schemas['SignUpRequest']) =>
      api.post<Schemas['SignUpAccepted']>('/v1/auth/signup', body),
    success: 'Check your inbox.',
    onDone: (accepted) => setSentTo(accepted.email),
  });
  if (sentTo !== null) {
    return (
      <AuthFrame
        title="Check your inbox"
        footer={
          <p>
            <Link to="/login">Log in</Link>
          </p>
        }
      >
        <p role="status">
          We sent an email to <strong>{sentTo}</strong>. Follow its link to verify your address:
          until an owner has, the organisation cannot send messages. You can log in meanwhile.
        </p>
        <p className="muted">
          Nothing arrived after a few minutes? Check the address and your spam folder, or{' '}
          <Link to="/reset-password">reset your password</Link> if this address already has a Herald
          user.
        </p>
      </AuthFrame>
    );
  }
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
        <Field label="Password" hint="At least 10 characters.">
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
