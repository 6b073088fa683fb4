import type { SystemEmail } from './system-email.job.js';
import { anchor, email } from './templates.js';
import { inertName } from './untrusted-text.js';

/** Herald's own messages about end users' privacy requests (issue 17, item 1). */

export const PRIVACY_CODE_MINUTES = 30;

/** The code that proves the request is theirs, by email. */
export function privacyCodeEmail(to: string, organisation: string, code: string): SystemEmail {
  const name = inertName(organisation);
  return email('privacy_request_code', to, `Your code for your request to ${name}`, [
    `Someone, perhaps you, asked ${name} about the data it holds on this address.`,
    `To confirm it is you, enter this code on the request page (valid for ${PRIVACY_CODE_MINUTES} minutes): ${code}`,
    'If it was not you, ignore this email: nothing happens without the code.',
  ]);
}

/** The same, by SMS (short: one segment where the name allows). */
export function privacyCodeSms(organisation: string, code: string): string {
  return `${inertName(organisation).slice(0, 40)}: your code to confirm your privacy request is ${code}. Valid ${PRIVACY_CODE_MINUTES} min.`;
}

export function privacyExportEmail(to: string, organisation: string, link: string): SystemEmail {
  const name = inertName(organisation);
  return email('privacy_request_export', to, `Your data from ${name}`, [
    `As you asked, here is a copy of the data ${name} holds about this address, through Herald.`,
    ['Download it once, within 7 days:\n', anchor(link)],
    'The link is the key to the file: do not forward it.',
  ]);
}

export function privacyExportSms(organisation: string, link: string): string {
  return `${inertName(organisation).slice(0, 40)}: your data, to download once within 7 days: ${link}`;
}

/** To each owner: a request about an end user is due within a week, or overdue. */
export function privacyDeadlineEmail(
  to: string,
  organisation: string,
  request: { id: string; kind: string; receivedAt: Date; deadlineAt: Date },
  overdue: boolean,
  consoleUrl: string,
): SystemEmail {
  const name = inertName(organisation);
  const due = request.deadlineAt.toISOString().slice(0, 10);
  return email(
    'privacy_request_deadline',
    to,
    overdue
      ? `Overdue: a privacy request to ${name} was due on ${due}`
      : `Due on ${due}: a privacy request to ${name}`,
    [
      `A ${request.kind} request (${request.id}) from an end user of “${name}” was received on ${request.receivedAt.toISOString().slice(0, 10)} and must be answered by ${due}.`,
      overdue
        ? 'It is overdue: answer it now, and tell the end user why it took longer.'
        : 'It is not answered yet: it is due within 7 days.',
      ['The register of requests:\n', anchor(consoleUrl)],
    ],
  );
}
