import { type FormEvent, useState } from 'react';
import { api, type Schemas } from '../api.js';
import { Field, OutcomeNotice, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';
import { ReviewSection } from './account-review.js';

export function AccountPage() {
  const { session, setSession, refresh, can } = useSession();
  const user = session!.user;
  const [profile, setProfile] = useState({
    name: user.name,
    email: user.email,
    current_password: '',
    marketing_opt_in: user.marketing_opt_in,
  });
  const changingEmail = profile.email !== user.email;
  const saveProfile = useAction({
    run: (body: Schemas['UpdateProfileRequest']) => api.patch<Schemas['Profile']>('/v1/me', body),
    success: (p) =>
      p.pending_email
        ? `Saved. Follow the link sent to ${p.pending_email} to use it. Your other sessions have ended, and ${p.email} was told, with a link to undo the change.`
        : 'Profile saved.',
    onDone: () => {
      setProfile((current) => ({ ...current, current_password: '' }));
      void refresh();
    },
  });
  const resend = useAction({
    run: () => api.post('/v1/auth/email-verification'),
    success: 'A new verification link is on its way.',
  });
  const [passwords, setPasswords] = useState({ current_password: '', new_password: '' });
  const changePassword = useAction({
    run: (body: Schemas['ChangePasswordRequest']) =>
      api.post<Schemas['Session']>('/v1/auth/password', body),
    success: 'Password changed. Your other sessions have ended.',
    onDone: (next) => {
      setSession(next);
      setPasswords({ current_password: '', new_password: '' });
    },
  });
  const [org, setOrg] = useState({
    name: session!.account.name,
    help_text: session!.account.help_text,
  });
  const saveOrg = useAction({
    run: (body: Schemas['UpdateAccountRequest']) =>
      api.patch<Schemas['Account']>('/v1/account', body),
    success: 'Organisation saved.',
    onDone: () => void refresh(),
  });
  const submitProfile = (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['UpdateProfileRequest'] = {
      name: profile.name,
      marketing_opt_in: profile.marketing_opt_in,
    };
    if (changingEmail) {
      body.email = profile.email;
      body.current_password = profile.current_password;
    }
    saveProfile.run(body);
  };
  return (
    <>
      <PageHeader
        title="Account"
        description="Your profile, your password, and your organisation."
      />
      {(session!.account.status === 'suspended' || can('account:review')) && <ReviewSection />}
      <section className="card" aria-labelledby="profile">
        <h2 id="profile">Profile</h2>
        <form className="form" onSubmit={submitProfile}>
          <Field label="Name">
            {(id) => (
              <input
                id={id}
                value={profile.name}
                onChange={(e) => setProfile({ ...profile, name: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Email"
            hint={
              user.pending_email
                ? `Changing to ${user.pending_email} once its link is followed.`
                : user.email_verified
                  ? 'Verified.'
                  : 'Not verified yet.'
            }
          >
            {(id, hint) => (
              <input
                id={id}
                type="email"
                value={profile.email}
                onChange={(e) => setProfile({ ...profile, email: e.target.value })}
                aria-describedby={hint}
              />
            )}
          </Field>
          {changingEmail && (
            <Field
              label="Your password"
              hint="A new email address decides who can reset your password, so it needs your password. Your other sessions end."
            >
              {(id, hint) => (
                <input
                  id={id}
                  type="password"
                  autoComplete="current-password"
                  value={profile.current_password}
                  onChange={(e) => setProfile({ ...profile, current_password: e.target.value })}
                  aria-describedby={hint}
                  required
                />
              )}
            </Field>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={profile.marketing_opt_in}
              onChange={(e) => setProfile({ ...profile, marketing_opt_in: e.target.checked })}
            />
            Send me product news by email (off unless you switch it on)
          </label>
          <div className="button-row">
            <button type="submit" disabled={saveProfile.pending}>
              Save profile
            </button>
            {!user.email_verified && (
              <button type="button" className="secondary" onClick={() => resend.run(undefined)}>
                Send a new verification link
              </button>
            )}
          </div>
          <OutcomeNotice outcome={saveProfile.outcome ?? resend.outcome} />
        </form>
      </section>
      <section className="card" aria-labelledby="password">
        <h2 id="password">Password</h2>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            changePassword.run(passwords);
          }}
        >
          <Field label="Current password">
            {(id) => (
              <input
                id={id}
                type="password"
                autoComplete="current-password"
                value={passwords.current_password}
                onChange={(e) => setPasswords({ ...passwords, current_password: e.target.value })}
                required
              />
            )}
          </Field>
          <Field label="New password" hint="At least 10 characters.">
            {(id, hint) => (
              <input
                id={id}
                type="password"
                autoComplete="new-password"
                aria-describedby={hint}
                value={passwords.new_password}
                onChange={(e) => setPasswords({ ...passwords, new_password: e.target.value })}
                required
              />
            )}
          </Field>
          <div>
            <button type="submit" disabled={changePassword.pending}>
              Change password
            </button>
          </div>
          <OutcomeNotice outcome={changePassword.outcome} />
        </form>
      </section>
      {can('account:manage') && (
        <section className="card" aria-labelledby="organisation">
          <h2 id="organisation">Organisation</h2>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              saveOrg.run(org);
            }}
          >
            <Field label="Organisation name">
              {(id) => (
                <input
                  id={id}
                  value={org.name}
                  onChange={(e) => setOrg({ ...org, name: e.target.value })}
                />
              )}
            </Field>
            <Field label="HELP reply" hint="Sent to anyone who texts HELP to your numbers.">
              {(id, hint) => (
                <textarea
                  id={id}
                  rows={2}
                  aria-describedby={hint}
                  value={org.help_text}
                  onChange={(e) => setOrg({ ...org, help_text: e.target.value })}
                />
              )}
            </Field>
            <div>
              <button type="submit" disabled={saveOrg.pending}>
                Save organisation
              </button>
            </div>
            <OutcomeNotice outcome={saveOrg.outcome} />
          </form>
        </section>
      )}
    </>
  );
}
