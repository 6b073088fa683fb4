import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { TextField, useFormState } from '../components/fields.js';
import { usePolicies } from '../components/privacy-footer.js';
import { useAction } from '../components/use-action.js';

/**
 * Sign-up answers the same whether or not the address already has a user, so this page shows
 * the same "check your inbox" either way: the inbox holds a verification link, or a note that
 * the address is already in use.
 */
export function SignUpPage() {
  const { form, bind } = useFormState({
    name: '',
    email: '',
    password: '',
    organization_name: '',
  });
  const policies = usePolicies().data;
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const signUp = useAction({
    run: (body: Schemas['SignUpRequest']) => ok(api.POST('/v1/auth/signup', { body })),
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
  return (
    <AuthFrame
      title="Create your account"
      footer={
        <p>
          Already have one? <Link to="/login">Log in</Link>
        </p>
      }
    >
      <ActionForm
        layout="plain"
        action={signUp}
        onSubmit={() =>
          signUp.run({
            ...form,
            // The API refuses a box left unticked (`terms_not_accepted`, `age_not_confirmed`).
            accept_terms: acceptTerms as true,
            age_confirmed: ageConfirmed as true,
          })
        }
        submit="Create account"
        pendingLabel="Creating…"
      >
        <p className="muted">
          Every field is required. Herald keeps them as your account data: see the{' '}
          <a href={policies?.privacy?.url ?? '/legal/privacy'}>privacy notice</a>.
        </p>
        <TextField
          label="Your name"
          hint="So your team sees who did what."
          {...bind('name')}
          required
          autoComplete="name"
        />
        <TextField
          label="Work email"
          hint="To log in, to reset your password, and for security notices."
          type="email"
          {...bind('email')}
          required
          autoComplete="email"
        />
        <TextField
          label="Password"
          hint="At least 10 characters. Stored only as a hash."
          type="password"
          {...bind('password')}
          required
          autoComplete="new-password"
        />
        <TextField
          label="Organisation name"
          hint="Names your organisation to your team and in the emails Herald sends it."
          {...bind('organization_name')}
          required
        />
        <label className="check">
          <input
            type="checkbox"
            checked={acceptTerms}
            onChange={(e) => setAcceptTerms(e.target.checked)}
            required
          />
          <span>
            I accept the <a href={policies?.terms?.url ?? '/legal/terms'}>terms</a> and have read
            the <a href={policies?.privacy?.url ?? '/legal/privacy'}>privacy notice</a>
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={ageConfirmed}
            onChange={(e) => setAgeConfirmed(e.target.checked)}
            required
          />
          I am 16 or older
        </label>
      </ActionForm>
    </AuthFrame>
  );
}
