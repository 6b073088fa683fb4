import { escapeMarkup } from '../platform/escape-markup.js';
import type { SystemEmailKind } from './own-email-throttle.js';
import type { SystemEmail } from './system-email.job.js';
import { inertName, oneLineName } from './untrusted-text.js';

/** Console pages that the links in Herald's emails open. */
export function consoleLink(publicUrl: string, page: string, token?: string): string {
  const base = `${publicUrl.replace(/\/$/, '')}/console/${page}`;
  return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`;
}

/** A link Herald built itself: the only thing in its emails that becomes an anchor. */
type Link = { href: string };
/** A paragraph: text (escaped, never scanned for links) and Herald's own links. */
type Paragraph = Array<string | Link>;

export const anchor = (href: string): Link => ({ href });

/** A plain-text email and the same text as simple HTML, with anchors only for `Link`s. */
export function email(
  kind: SystemEmailKind,
  to: string,
  subject: string,
  paragraphs: Array<string | Paragraph>,
): SystemEmail {
  const parts = paragraphs.map((p) => (typeof p === 'string' ? [p] : p));
  const text = parts
    .map((p) => p.map((part) => (typeof part === 'string' ? part : part.href)).join(''))
    .join('\n\n');
  const html = parts
    .map(
      (p) =>
        `<p>${p
          .map((part) =>
            typeof part === 'string'
              ? escapeMarkup(part).replaceAll('\n', '<br>')
              : `<a href="${escapeMarkup(part.href)}">${escapeMarkup(part.href)}</a>`,
          )
          .join('')}</p>`,
    )
    .join('\n');
  return { kind, to, subject, text: `${text}\n`, html };
}

export function verificationEmail(to: string, name: string, link: string): SystemEmail {
  return email('email_verification', to, 'Verify your email address for Herald', [
    `Hello ${inertName(name)},`,
    [
      `Please confirm that ${to} is your address by opening this link (valid for 24 hours):\n`,
      anchor(link),
    ],
    'If you did not ask for this, ignore this email.',
  ]);
}

export function passwordResetEmail(to: string, name: string, link: string): SystemEmail {
  return email('password_reset', to, 'Reset your Herald password', [
    `Hello ${inertName(name)},`,
    [
      'Someone asked to reset the password of your Herald user. To choose a new one, open this link (valid for 1 hour, once):\n',
      anchor(link),
    ],
    'If it was not you, ignore this email: your password stays as it is.',
  ]);
}

/**
 * To the address being replaced. The new one is masked: enough for its owner to recognise it,
 * not a copy of someone else's address. A security notice, sent whatever the daily count says.
 */
export function emailChangeNoticeEmail(
  to: string,
  name: string,
  newEmail: string,
  undoLink: string,
): SystemEmail {
  return email('email_change_notice', to, 'Your Herald sign-in address is being changed', [
    `Hello ${inertName(name)},`,
    `Someone logged in as you asked to change the address you log in to Herald with, from ${to} to ${maskEmail(newEmail)}. It changes once the link sent to the new address is followed. Every other session of yours was logged out.`,
    'If it was you, there is nothing to do.',
    [
      'If it was not you, open this link within 7 days (it works once). It keeps this address, or puts it back, drops the change, logs everyone out, and asks you for a new password, since whoever did this knew yours:\n',
      anchor(undoLink),
    ],
  ]);
}

/** `ada.king@example.com` → `a•••@example.com`. */
function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, Math.min(1, at))}•••${address.slice(at)}`;
}

/**
 * To the owner of an address someone tried to sign up with, or to move their own user to:
 * nothing was created or changed, and the person who tried was not told the address is taken.
 */
export function addressInUseEmail(
  to: string,
  name: string,
  attempt: 'sign_up' | 'email_change',
  links: { logIn: string; resetPassword: string },
): SystemEmail {
  return email('address_in_use', to, 'Someone tried to use your address on Herald', [
    `Hello ${inertName(name)},`,
    attempt === 'sign_up'
      ? 'Someone, perhaps you, tried to create a new Herald account with this address. It already has a user, so nothing was created and nothing changed.'
      : 'Someone, perhaps you, tried to move another Herald user to this address. It already has a user, so nothing changed.',
    ['If it was you, log in instead:\n', anchor(links.logIn)],
    ['If you forgot your password, reset it here:\n', anchor(links.resetPassword)],
    'If it was not you, ignore this email.',
  ]);
}

export function invitationEmail(
  to: string,
  organization: string,
  inviter: string,
  role: string,
  link: string,
): SystemEmail {
  return email(
    'invitation',
    to,
    `${inertName(inviter)} invited you to ${inertName(organization)} on Herald`,
    [
      `${inertName(inviter)} invited you to join the organisation “${inertName(organization)}” on Herald as ${role === 'admin' ? 'an' : 'a'} ${role}.`,
      ['To accept, open this link (valid for 7 days, once):\n', anchor(link)],
      'If you did not expect this, ignore this email.',
    ],
  );
}

export type SignalSummary = { description: string; value: number; threshold: number };

export function suspensionEmail(
  to: string,
  organization: string,
  reason: string,
  signals: SignalSummary[],
): SystemEmail {
  return email(
    'trust_decision',
    to,
    `Sending from ${inertName(organization)} on Herald is suspended`,
    [
      `Herald's automated abuse checks suspended sending from “${inertName(organization)}”.`,
      `Why: ${reason}`,
      `The signals and their values:\n${signals.map((s) => `- ${s.description}: ${round(s.value)} (threshold ${round(s.threshold)})`).join('\n')}`,
      'This was an automated decision. If you think it is wrong, an owner can ask for a human review in the console (Account) or with POST /v1/account/review-requests.',
    ],
  );
}

export function reviewOutcomeEmail(
  to: string,
  organization: string,
  outcome: 'reinstated' | 'upheld',
  reason: string,
): SystemEmail {
  const name = inertName(organization);
  return email(
    'trust_decision',
    to,
    `Your review request for ${name}: ${outcome === 'reinstated' ? 'sending is back on' : 'suspension upheld'}`,
    [
      outcome === 'reinstated'
        ? `A person reviewed the suspension of “${name}” and reinstated the account: it can send again.`
        : `A person reviewed the suspension of “${name}” and upheld it: the account stays suspended.`,
      `The reviewer's reason: ${oneLineName(reason, { maxLength: 1000 })}`,
    ],
  );
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

const POLICY_NAMES = { privacy: 'privacy notice', terms: 'terms of service' } as const;

/** To every owner, 30 days or more ahead: a material change to the privacy notice or the terms. */
export function policyChangeEmail(
  to: string,
  version: { kind: 'privacy' | 'terms'; version: string; summary: string; effective_at: Date },
  link: string,
): SystemEmail {
  const name = POLICY_NAMES[version.kind];
  const day = version.effective_at.toISOString().slice(0, 10);
  return email('policy_change', to, `Our ${name} changes on ${day}`, [
    `Herald's ${name} changes on ${day} (version ${version.version}). What changes:`,
    version.summary,
    ['Read it in full: ', anchor(link)],
    'If you do not agree, you can close your organisation before then from the console.',
  ]);
}
