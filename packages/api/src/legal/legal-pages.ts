import { escapeMarkup as escapeHtml, type Policies } from '@herald/core';
import { Router } from 'express';
import { hostedPage } from '../http/hosted-page.js';

/**
 * Herald's own privacy notice and terms (issue 17, item 7): the versions it starts with. An
 * operator who publishes their own (`npm run herald -- policies publish --url …`) points sign-up
 * and the console there instead. Plain HTML, no script, no cookie.
 */
export function legalPageRoutes(deps: { policies: Policies }): Router {
  const router = Router();
  router.get('/legal/:kind', async (req, res, next) => {
    const kind = req.params.kind;
    if (kind !== 'privacy' && kind !== 'terms') return next();
    const overview = await deps.policies.overview();
    const version = overview[kind];
    const contact = escapeHtml(overview.privacyContact);
    const effective = version
      ? `<p class="note">Version ${escapeHtml(version.version)}, in effect since ${version.effective_at.toISOString().slice(0, 10)}.</p>`
      : '';
    res
      .type('html')
      .send(
        kind === 'privacy'
          ? hostedPage('Privacy notice', `${PRIVACY(contact)}${effective}`)
          : hostedPage('Terms', `${TERMS(contact)}${effective}`),
      );
  });
  return router;
}

const PRIVACY = (contact: string) => `<h1>Privacy notice</h1>
<p>Herald keeps three kinds of data, in three separate stores, each with its own retention.</p>
<ul>
<li><strong>Your account</strong> (Herald decides): your name, email address, a hash of your
password, your organisation and its members, sign-ins with their IP address (90 days), the audit
log, API keys (hashed). Kept while you use Herald; after you close your organisation, 30 days,
then only billing and audit records without personal data. A member removed from every
organisation is deleted after 30 days.</li>
<li><strong>Your end users' usage data</strong> (you decide, Herald processes): who was messaged,
when, and what happened. Their phone numbers, email addresses and push tokens are stored
encrypted under your organisation's key. 395 days unless you set less.</li>
<li><strong>What was said</strong> (you decide, Herald processes): message content, encrypted
under your organisation's key. 30 days unless you set less, or never stored.</li>
</ul>
<p>You can take a copy of your own data and delete your user from the console's Account page.
Your end users can ask you, or use your privacy request form, for a copy, an erasure, a
restriction or an end to marketing; Herald verifies them and answers within 30 days.</p>
<p>Herald shares message data only with the providers that deliver it (SMS, email, push), and
tells them of an erasure where they allow it. No data is sold or used for advertising.</p>
<p>Material changes are emailed to every owner at least 30 days before they take effect.
Questions about privacy: <a href="mailto:${contact}">${contact}</a>.</p>`;

const TERMS = (contact: string) => `<h1>Terms</h1>
<p>You may use Herald to send messages your end users asked for or expect, within the law of
the places you send from and to. You must not send spam or unlawful content: an organisation
whose messages look like it is suspended by an automated decision that explains itself, and a
person reviews it when you ask.</p>
<p>You are 16 or older, and the information you sign up with is yours and true. You keep your
password and API keys secret; you are responsible for what is sent with them.</p>
<p>You can close your organisation at any time from the console; its data is deleted as the
privacy notice says. Material changes to these terms are emailed to every owner at least 30 days
before they take effect.</p>
<p>Questions: <a href="mailto:${contact}">${contact}</a>.</p>`;
