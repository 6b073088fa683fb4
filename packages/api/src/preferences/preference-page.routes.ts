import {
  type AccountService,
  HeraldError,
  type PreferenceAnswers,
  type PreferenceLinkClaims,
  type PreferenceLinks,
  type PreferenceService,
  preferencePageUrl,
} from '@herald/core';
import { type Request, type Response, Router } from 'express';
import { formBody } from '../http/form-body.js';
import { renderInvalidLink, renderPreferencePage, renderUnsubscribed } from './preference-page.js';

type PageDeps = {
  preferences: PreferenceService;
  links: PreferenceLinks;
  accounts: AccountService;
  publicUrl: string;
};

/**
 * The end user's side of preferences (issue 16), reached by a signed link with no log-in:
 * `/preferences/{token}` (the page and its form) and `/unsubscribe/{token}`, the address
 * marketing email's `List-Unsubscribe` names. A POST there is RFC 8058's one-click
 * unsubscribe: done at once, whatever the body, with no cookie and no page to click through;
 * a GET shows the page (a mail client or scanner that follows links unsubscribes no one).
 */
export function preferencePageRoutes(deps: PageDeps): Router {
  const router = Router();

  router.get(['/preferences/:token', '/unsubscribe/:token'], async (req, res) => {
    const found = await linkOf(deps, req, res);
    if (!found) return;
    const saved = req.query.saved === '1' ? 'Your preferences are saved.' : undefined;
    await showPage(deps, res, found, saved);
  });

  router.post('/preferences/:token', formBody, async (req, res) => {
    const link = (await linkOf(deps, req, res))?.link;
    if (!link) return;
    const body = req.body as Record<string, string | string[] | undefined>;
    const subject = subjectOf(link);
    const current = await deps.preferences.get(subject);
    const ticked = new Set([body.topic ?? []].flat());
    const answers: PreferenceAnswers =
      body.form === 'unsubscribe_all'
        ? { marketing: false }
        : {
            marketing: body.marketing === 'on',
            topics: Object.fromEntries(current.topics.map((t) => [t.key, ticked.has(t.key)])),
          };
    await deps.preferences.update(subject, answers, { source: 'preference_page', actorId: null });
    // Post/redirect/get: reloading the page does not send the form again.
    res.redirect(
      303,
      `${req.baseUrl}/preferences/${encodeURIComponent(req.params.token as string)}?saved=1`,
    );
  });

  router.post('/unsubscribe/:token', async (req, res) => {
    const link = (await linkOf(deps, req, res))?.link;
    if (!link) return;
    const topic = link.topic ?? null;
    await deps.preferences.update(
      subjectOf(link),
      topic ? { topics: { [topic]: false } } : { marketing: false },
      { source: 'one_click_unsubscribe', actorId: null },
    );
    res
      .status(200)
      .type('html')
      .send(renderUnsubscribed(topic ? `messages about "${topic}"` : 'marketing messages'));
  });

  return router;
}

type ValidLink = { link: PreferenceLinkClaims; organisation: string };

/**
 * The link's claims and its organisation's name, or an answer saying it is not valid (404, the
 * same for every reason).
 */
async function linkOf(deps: PageDeps, req: Request, res: Response): Promise<ValidLink | null> {
  const claims = await deps.links.verify(req.params.token as string, new Date());
  const account = claims && (await deps.accounts.getAccount(claims.accountId).catch(() => null));
  if (claims && account && account.status !== 'closed')
    return { link: claims, organisation: account.name };
  const problem = new HeraldError('preference_link_invalid');
  res.status(problem.status).type('html').send(renderInvalidLink(problem.detail));
  return null;
}

async function showPage(
  deps: PageDeps,
  res: Response,
  { link, organisation }: ValidLink,
  notice?: string,
): Promise<void> {
  const preferences = await deps.preferences.get(subjectOf(link));
  const token = await deps.links.sign({ ...link, topic: undefined });
  res.type('html').send(
    renderPreferencePage({
      organisation,
      preferences,
      action: new URL(preferencePageUrl(deps.publicUrl, token)).pathname,
      notice,
    }),
  );
}

function subjectOf(link: PreferenceLinkClaims) {
  return { accountId: link.accountId, channel: link.channel, hash: link.hash, masked: link.masked };
}
