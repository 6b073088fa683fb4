import type { SystemEmail } from './system-email.job.js';
import { anchor, consoleLink, email } from './templates.js';
import { inertName } from './untrusted-text.js';

/**
 * Security notices (issue 17, item 6): told to the person they concern, so a change they did
 * not make does not go unnoticed. Each says what happened, when, and what to do if it was not
 * them. No secret, no full IP address: the network is shown as its first part.
 */

function when(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function passwordChangedEmail(
  to: string,
  name: string,
  at: Date,
  publicUrl: string,
): SystemEmail {
  return email('security_notice', to, 'Your Herald password was changed', [
    `Hello ${inertName(name)},`,
    `The password of your Herald user was changed at ${when(at)}. Every other session was logged out.`,
    [
      'If it was not you, reset your password now and tell your organisation’s owners:\n',
      anchor(consoleLink(publicUrl, 'reset-password')),
    ],
  ]);
}

export function newSignInEmail(
  to: string,
  name: string,
  signIn: { at: Date; device: string; network: string },
  publicUrl: string,
): SystemEmail {
  return email('security_notice', to, 'New sign-in to your Herald user', [
    `Hello ${inertName(name)},`,
    `Your Herald user signed in from a device or network it had not used before, at ${when(signIn.at)}: ${inertName(signIn.device)}, from network ${signIn.network}.`,
    [
      'If it was you, there is nothing to do. If not, change your password at once:\n',
      anchor(consoleLink(publicUrl, 'reset-password')),
    ],
  ]);
}

export function twoFactorChangedEmail(
  to: string,
  name: string,
  on: boolean,
  at: Date,
  publicUrl: string,
): SystemEmail {
  return email(
    'security_notice',
    to,
    on ? 'Two-factor sign-in is on for your Herald user' : 'Two-factor sign-in was turned off',
    [
      `Hello ${inertName(name)},`,
      on
        ? `Two-factor sign-in was turned on at ${when(at)}: signing in now needs a code from your authenticator app, or one of your recovery codes.`
        : `Two-factor sign-in was turned off at ${when(at)}: signing in needs only your password now.`,
      [
        'If it was not you, change your password at once and tell your organisation’s owners:\n',
        anchor(consoleLink(publicUrl, 'reset-password')),
      ],
    ],
  );
}

export function userDeletedEmail(to: string, name: string, at: Date): SystemEmail {
  return email('security_notice', to, 'Your Herald user is deleted', [
    `Hello ${inertName(name)},`,
    `As you asked, your Herald user was deleted at ${when(at)}: you left every organisation, the API keys you owned were revoked, and your profile, sessions and log-in history are gone.`,
    'The organisations keep their audit records of what was done, with your user id and no longer your name, address or IP addresses. If it was not you, write to the organisation’s owners at once.',
  ]);
}

export function apiKeyCreatedEmail(
  to: string,
  organisation: string,
  key: { id: string; name: string; mode: string; scope: string; at: Date; by: string },
  publicUrl: string,
): SystemEmail {
  const org = inertName(organisation);
  return email('security_notice', to, `A new API key was created for ${org}`, [
    `A ${key.mode} API key “${inertName(key.name)}” (${key.id}, scope ${key.scope}) was created for “${org}” at ${when(key.at)} by ${inertName(key.by)}.`,
    [
      'If nobody in your organisation meant to, revoke it on the API keys page:\n',
      anchor(consoleLink(publicUrl, 'api-keys')),
    ],
  ]);
}

export function closureScheduledEmail(
  to: string,
  organisation: string,
  closure: { at: Date; purgeAt: Date },
  publicUrl: string,
): SystemEmail {
  const org = inertName(organisation);
  return email('security_notice', to, `${org} is closing on Herald`, [
    `The organisation “${org}” was closed at ${when(closure.at)}: its API keys are revoked and its messages' content is unreadable.`,
    `Everything else is deleted on ${closure.purgeAt.toISOString().slice(0, 10)}. Until then an owner can cancel the closing in the console:`,
    [anchor(consoleLink(publicUrl, 'account'))],
  ]);
}
