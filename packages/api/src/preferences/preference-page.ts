import { escapeMarkup as escapeHtml, type Preferences } from '@herald/core';

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem;
         border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  fieldset { border: 1px solid #cbd2d9; border-radius: 6px; margin: 1rem 0; padding: 1rem; }
  label { display: block; margin: .5rem 0; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #3e4c59;
           background: #1f2933; color: #fff; cursor: pointer; margin: .25rem .5rem .25rem 0; }
  button.secondary { background: #fff; color: #1f2933; }
  .status { background: #e3f8e8; border: 1px solid #57ae5b; padding: .5rem 1rem; border-radius: 6px; }
  .note { color: #52606d; font-size: .9rem; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

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
