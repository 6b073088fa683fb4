import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { TextField } from '../components/fields.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { useAction } from '../components/use-action.js';

/** Without a token: ask for the link. With the token from the link: choose a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [value, setValue] = useState('');
  const requestLink = useAction({
    run: (email: string) => ok(api.POST('/v1/auth/password-reset', { body: { email } })),
    success: 'If this address has a Herald account, a link is on its way.',
  });
  const confirm = useAction({
    run: (new_password: string) =>
      ok(
        api.POST('/v1/auth/password-reset/confirm', {
          body: { token: token ?? '', new_password },
        }),
      ),
    success: 'Your password is changed. Log in with it.',
  });
  const action = token ? confirm : requestLink;
  return (
    <AuthFrame title="Reset your password" footer={<Link to="/login">Back to log in</Link>}>
      <ActionForm
        layout="plain"
        action={action}
        onSubmit={() => action.run(value)}
        submit={token ? 'Set password' : 'Email me a link'}
      >
        {token ? (
          <NewPasswordField
            hint="At least 10 characters. Every session ends."
            value={value}
            onChange={setValue}
          />
        ) : (
          <TextField label="Email" type="email" value={value} onChange={setValue} required />
        )}
      </ActionForm>
    </AuthFrame>
  );
}
