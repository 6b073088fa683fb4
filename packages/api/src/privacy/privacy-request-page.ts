import { escapeMarkup as escapeHtml, MAX_CODE_ATTEMPTS, type SelfServiceKind } from '@herald/core';
import { hostedPage } from '../http/hosted-page.js';

const KIND_LABELS: Record<SelfServiceKind, string> = {
  export: 'Send me a copy of my data',
  erasure: 'Erase my data',
  restriction: 'Stop processing my data (send me nothing, keep nothing new) until I say otherwise',
  objection: 'Stop sending me marketing',
};

/** The organisation's form: which request, and the address it is about. */
export function renderRequestForm(input: {
  organisation: string;
  action: string;
  error?: string;
}): string {
  const kinds = (Object.keys(KIND_LABELS) as SelfServiceKind[])
    .map(
      (kind, i) =>
        `<label><input type="radio" name="kind" value="${kind}"${i === 0 ? ' checked' : ''}> ${escapeHtml(KIND_LABELS[kind])}</label>`,
    )
    .join('\n');
  return hostedPage(
    'Your data',
    `<h1>Your data at ${escapeHtml(input.organisation)}</h1>
<p>${escapeHtml(input.organisation)} sends messages through Herald. Ask here about the data kept
about your phone number or email address. We send a code to that address first, to be sure it
is yours; nothing happens without it.</p>
${input.error ? `<p class="error" role="alert" id="form-error">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
<fieldset>
<legend>What you ask for</legend>
${kinds}
</fieldset>
<label for="identifier">Your phone number (with its country code, +44…) or email address</label>
<input type="text" id="identifier" name="identifier" required autocomplete="email"${input.error ? ' aria-invalid="true" aria-describedby="form-error"' : ''}>
<p><button type="submit">Send me a code</button></p>
</form>
<p class="note">The request is recorded when you send this form; the law gives
${escapeHtml(input.organisation)} 30 days to answer it.</p>`,
  );
}

/** The code they were sent, typed back. */
export function renderCodeForm(input: {
  organisation: string;
  masked: string;
  action: string;
  attemptsLeft?: number;
}): string {
  const wrong =
    input.attemptsLeft === undefined
      ? ''
      : `<p class="error" role="alert" id="code-error">That code is not right. ${input.attemptsLeft} ${input.attemptsLeft === 1 ? 'try' : 'tries'} left.</p>`;
  return hostedPage(
    'Enter your code',
    `<h1>Enter your code</h1>
<p>We sent a 6-digit code to <strong>${escapeHtml(input.masked)}</strong>. It works for 30 minutes
and ${MAX_CODE_ATTEMPTS} tries.</p>
${wrong}
<form method="post" action="${escapeHtml(input.action)}">
<label for="code">Code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required${wrong ? ' aria-invalid="true" aria-describedby="code-error"' : ''}>
<p><button type="submit">Confirm</button></p>
</form>`,
  );
}

export function renderRequestOutcome(title: string, message: string): string {
  return hostedPage(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="status" role="status">${escapeHtml(message)}</p>`,
  );
}
