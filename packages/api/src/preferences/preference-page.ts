import { escapeMarkup as escapeHtml, type Preferences } from '@herald/core';
import { hostedPage as layout } from '../http/hosted-page.js';

/**
 * The end user's preference page: plain HTML and a form, so it works without script, cookies
 * or a log-in (the link is the credential). Unticking a box opts out of it.
 */
export function renderPreferencePage(input: {
  organisation: string;
  preferences: Preferences;
  action: string;
  notice?: string;
}): string {
  const { preferences } = input;
  const checked = (on: boolean) => (on ? ' checked' : '');
  const topics = preferences.topics
    .map(
      (topic) =>
        `<label><input type="checkbox" name="topic" value="${escapeHtml(topic.key)}"${checked(topic.subscribed)}> ${escapeHtml(topic.name)}</label>`,
    )
    .join('\n');
  return layout(
    'Your message preferences',
    `<h1>Your message preferences</h1>
<p>For <strong>${escapeHtml(preferences.identifierMasked)}</strong>, from <strong>${escapeHtml(input.organisation)}</strong>.</p>
${input.notice ? `<p class="status" role="status">${escapeHtml(input.notice)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="form" value="preferences">
<fieldset>
<legend>What you want to hear about</legend>
<label><input type="checkbox" name="marketing" value="on"${checked(preferences.marketing.subscribed)}> Marketing: news, offers and updates</label>
${topics}
</fieldset>
<button type="submit">Save my preferences</button>
<button type="submit" class="secondary" name="form" value="unsubscribe_all">Unsubscribe from all marketing</button>
</form>
<p class="note">Messages you asked for, like receipts and sign-in codes, still reach you.
Every change is kept with when it was made, so the sender can show they respected it.</p>`,
  );
}

export function renderInvalidLink(detail: string): string {
  return layout('Link not valid', `<h1>This link is not valid</h1><p>${escapeHtml(detail)}</p>`);
}

export function renderUnsubscribed(what: string): string {
  return layout(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1><p>You will no longer receive ${escapeHtml(what)}.</p>`,
  );
}
