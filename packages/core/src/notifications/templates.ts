import type { SystemEmail } from './system-email.job.js';

/** Console pages that the links in Herald's emails open. */
export function consoleLink(publicUrl: string, page: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/console/${page}?token=${encodeURIComponent(token)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain-text email and the same text as simple HTML, paragraphs and links preserved. */
function email(to: string, subject: string, paragraphs: string[]): SystemEmail {
  const html = paragraphs
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')
          .replaceAll('\n', '<br>')}</p>`,
    )
    .join('\n');
  return { to, subject, text: `${paragraphs.join('\n\n')}\n`, html };
}

export function verificationEmail(to: string, name: string, link: string): SystemEmail {
  return email(to, 'Verify your email address for Herald', [
    `Hello ${name},`,
    `Please confirm that ${to} is your address by opening this link (valid for 24 hours):\n${link}`,
    'If you did not ask for this, ignore this email.',
  ]);
}

export function passwordResetEmail(to: string, name: string, link: string): SystemEmail {
  return email(to, 'Reset your Herald password', [
    `Hello ${name},`,
    `Someone asked to reset the password of your Herald user. To choose a new one, open this link (valid for 1 hour, once):\n${link}`,
    'If it was not you, ignore this email: your password stays as it is.',
  ]);
}

/**
 * To the address being replaced. The new one is masked: enough for its owner to recognise it,
 * not a copy of someone else's address.
 */
export function emailChangeNoticeEmail(
  to: string,
  name: string,
  newEmail: string,
  undoLink: string,
): SystemEmail {
  return email(to, 'Your Herald sign-in address is being changed', [
    `Hello ${name},`,
    `Someone logged in as you asked to change the address you log in to Herald with, from ${to} to ${maskEmail(newEmail)}. It changes once the link sent to the new address is followed. Every other session of yours was logged out.`,
    'If it was you, there is nothing to do.',
    `If it was not you, open this link within 7 days (it works once). It keeps this address, or puts it back, drops the change, logs everyone out, and asks you for a new password, since whoever did this knew yours:\n${undoLink}`,
  ]);
}

/** `ada.king@example.com` → `a•••@example.com`. */
function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, Math.min(1, at))}•••${address.slice(at)}`;
}

export function invitationEmail(
  to: string,
  organization: string,
  inviter: string,
  role: string,
  link: string,
): SystemEmail {
  return email(to, `${inviter} invited you to ${organization} on Herald`, [
    `${inviter} invited you to join ${organization} on Herald as ${role === 'admin' ? 'an' : 'a'} ${role}.`,
    `To accept, open this link (valid for 7 days, once):\n${link}`,
    'If you did not expect this, ignore this email.',
  ]);
}

export type SignalSummary = { description: string; value: number; threshold: number };

export function suspensionEmail(
  to: string,
  organization: string,
  reason: string,
  signals: SignalSummary[],
): SystemEmail {
  return email(to, `Sending from ${organization} on Herald is suspended`, [
    `Herald's automated abuse checks suspended sending from ${organization}.`,
    `Why: ${reason}`,
    `The signals and their values:\n${signals.map((s) => `- ${s.description}: ${round(s.value)} (threshold ${round(s.threshold)})`).join('\n')}`,
    'This was an automated decision. If you think it is wrong, an owner can ask for a human review in the console (Account) or with POST /v1/account/review-requests.',
  ]);
}

export function reviewOutcomeEmail(
  to: string,
  organization: string,
  outcome: 'reinstated' | 'upheld',
  reason: string,
): SystemEmail {
  return email(
    to,
    `Your review request for ${organization}: ${outcome === 'reinstated' ? 'sending is back on' : 'suspension upheld'}`,
    [
      outcome === 'reinstated'
        ? `A person reviewed the suspension of ${organization} and reinstated the account: it can send again.`
        : `A person reviewed the suspension of ${organization} and upheld it: the account stays suspended.`,
      `The reviewer's reason: ${reason}`,
    ],
  );
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
