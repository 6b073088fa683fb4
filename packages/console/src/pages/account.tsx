import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { TextAreaField, TextField, useFormState } from '../components/fields.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { Section } from '../components/section.js';
import { PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';
import { OwnDataSection } from './account-own-data.js';
import { ReviewSection } from './account-review.js';

export function AccountPage() {
  const { session, setSession, refresh, can } = useSession();
  const user = session!.user;
  const profile = useFormState({
    name: user.name,
    email: user.email,
    current_password: '',
    marketing_opt_in: user.marketing_opt_in,
  });
  const changingEmail = profile.form.email !== user.email;
  const saveProfile = useAction({
    run: (body: Schemas['UpdateProfileRequest']) => ok(api.PATCH('/v1/me', { body })),
    success: (p) =>
      p.pending_email
        ? `Saved. Follow the link sent to ${p.pending_email} to use it. Your other sessions have ended, and ${p.email} was told, with a link to undo the change.`
        : 'Profile saved.',
    onDone: () => {
      profile.setForm((current) => ({ ...current, current_password: '' }));
      void refresh();
    },
  });
  const resend = useAction({
    run: () => ok(api.POST('/v1/auth/email-verification')),
    success: 'A new verification link is on its way.',
  });
  const passwords = useFormState({ current_password: '', new_password: '' });
  const changePassword = useAction({
    run: (body: Schemas['ChangePasswordRequest']) => ok(api.POST('/v1/auth/password', { body })),
    success: 'Password changed. Your other sessions have ended.',
    onDone: (next) => {
      setSession(next);
      passwords.setForm({ current_password: '', new_password: '' });
    },
  });
  const org = useFormState({
    name: session!.account.name,
    help_text: session!.account.help_text,
  });
  const saveOrg = useAction({
    run: (body: Schemas['UpdateAccountRequest']) => ok(api.PATCH('/v1/account', { body })),
    success: 'Organisation saved.',
    onDone: () => void refresh(),
  });
  const submitProfile = () => {
    const { name, email, current_password, marketing_opt_in } = profile.form;
    saveProfile.run({
      name,
      marketing_opt_in,
      ...(changingEmail && { email, current_password }),
    });
  };
  return (
    <>
      <PageHeader
        title="Account"
        description="Your profile, your password, and your organisation."
      />
      {(session!.account.status === 'suspended' || can('account:review')) && <ReviewSection />}
      <Section title="Profile" card>
        <ActionForm
          layout="stack"
          action={saveProfile}
          onSubmit={submitProfile}
          submit="Save profile"
          outcome={saveProfile.outcome ?? resend.outcome}
          more={
            !user.email_verified && (
              <ActionButton className="secondary" onClick={() => resend.run(undefined)}>
                Send a new verification link
              </ActionButton>
            )
          }
        >
          <TextField label="Name" {...profile.bind('name')} />
          <TextField
            label="Email"
            hint={
              user.pending_email
                ? `Changing to ${user.pending_email} once its link is followed.`
                : user.email_verified
                  ? 'Verified.'
                  : 'Not verified yet.'
            }
            type="email"
            {...profile.bind('email')}
          />
          {changingEmail && (
            <TextField
              label="Your password"
              hint="A new email address decides who can reset your password, so it needs your password. Your other sessions end."
              type="password"
              autoComplete="current-password"
              {...profile.bind('current_password')}
              required
            />
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={profile.form.marketing_opt_in}
              onChange={(e) => profile.bind('marketing_opt_in').onChange(e.target.checked)}
            />
            Send me product news by email (off unless you switch it on)
          </label>
        </ActionForm>
      </Section>
      <Section title="Password" card>
        <ActionForm
          layout="stack"
          action={changePassword}
          onSubmit={() => changePassword.run(passwords.form)}
          submit="Change password"
        >
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            {...passwords.bind('current_password')}
            required
          />
          <NewPasswordField hint="At least 10 characters." {...passwords.bind('new_password')} />
        </ActionForm>
      </Section>
      {can('account:manage') && (
        <Section title="Organisation" card>
          <ActionForm
            layout="stack"
            action={saveOrg}
            onSubmit={() => saveOrg.run(org.form)}
            submit="Save organisation"
          >
            <TextField label="Organisation name" {...org.bind('name')} />
            <TextAreaField
              label="HELP reply"
              hint="Sent to anyone who texts HELP to your numbers."
              rows={2}
              {...org.bind('help_text')}
            />
          </ActionForm>
        </Section>
      )}
      <OwnDataSection />
    </>
  );
}
