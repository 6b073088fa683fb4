import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { Field, OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';

/** Without a token: ask for the link. With the token from the link: choose a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [value, setValue] = useState('');
  const requestLink = useAction({
    run: (email: string) => api.post('/v1/auth/password-reset', { email }),
    success: 'If this address has a Herald account, a link is on its way.',
  });
  const confirm = useAction({
    run: (new_password: string) =>
      api.post('/v1/auth/password-reset/confirm', { token, new_password }),
    success: 'Your password is changed. Log in with it.',
  });
  const action = token ? confirm : requestLink;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run(value);
  };
  return (
    <AuthFrame title="Reset your password" footer={<Link to="/login">Back to log in</Link>}>
      <form onSubmit={submit}>
        {token ? (
          <NewPasswordField
            hint="At least 10 characters. Every session ends."
            value={value}
            onChange={setValue}
          />
        ) : (
          <Field label="Email">
            {(id) => (
              <input
                id={id}
                type="email"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                required
              />
            )}
          </Field>
        )}
        <button type="submit" disabled={action.pending}>
          {token ? 'Set password' : 'Email me a link'}
        </button>
        <OutcomeNotice outcome={action.outcome} />
      </form>
    </AuthFrame>
  );
}
