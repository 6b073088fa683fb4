import {
  HeraldError,
  SELF_SERVICE_KINDS,
  type SelfServiceKind,
  type SelfServiceRequests,
  type SubjectExportService,
} from '@herald/core';
import { type Request, type Response, Router } from 'express';
import { formBody } from '../http/form-body.js';
import { renderInvalidLink } from '../preferences/preference-page.js';
import { renderCodeForm, renderRequestForm, renderRequestOutcome } from './privacy-request-page.js';

/**
 * The end user's side of privacy requests (issue 17, item 1): the organisation's form at
 * `/privacy-request/{token}`, and the code page that follows. No log-in and no cookie: the
 * form's token names the organisation, the code proves the address is theirs.
 */
export function privacyRequestPageRoutes(deps: {
  selfService: SelfServiceRequests;
  exports: SubjectExportService;
}): Router {
  const router = Router();

  router.get('/privacy-request/:token', async (req, res) => {
    const organisation = await organisationOf(deps, req, res);
    if (!organisation) return;
    res
      .type('html')
      .send(renderRequestForm({ organisation: organisation.name, action: req.originalUrl }));
  });

  router.post('/privacy-request/:token', formBody, async (req, res) => {
    const organisation = await organisationOf(deps, req, res);
    if (!organisation) return;
    const body = req.body as Record<string, string | undefined>;
    const kind = body.kind as SelfServiceKind;
    const form = (error: string) =>
      res
        .status(422)
        .type('html')
        .send(
          renderRequestForm({ organisation: organisation.name, action: req.originalUrl, error }),
        );
    if (!SELF_SERVICE_KINDS.includes(kind)) return form('Choose what you ask for.');
    if (!body.identifier?.trim()) return form('Enter your phone number or email address.');
    const submitted = await deps.selfService.submit(organisation, {
      kind,
      identifier: body.identifier,
    });
    if (!submitted.ok) return form(submitted.reason);
    res.type('html').send(
      renderCodeForm({
        organisation: organisation.name,
        masked: submitted.masked,
        action: `${req.originalUrl.replace(/\/+$/, '')}/${submitted.requestId}`,
      }),
    );
  });

  // The end user's copy, by the link sent to their address: once, within its 7 days.
  router.get('/privacy-request/:token/export/:export_id', async (req, res) => {
    const organisation = await organisationOf(deps, req, res);
    if (!organisation) return;
    try {
      const archive = await deps.exports.download(
        organisation.accountId,
        req.params.export_id as string,
        String(req.query.token ?? ''),
      );
      res
        .set('Cache-Control', 'no-store')
        .attachment(`your-data-${organisation.name.replace(/[^\w.-]+/g, '-')}.json`)
        .json(archive);
    } catch (error) {
      if (!(error instanceof HeraldError)) throw error;
      res
        .status(error.status)
        .type('html')
        .send(renderRequestOutcome('Download not available', error.detail));
    }
  });

  router.post('/privacy-request/:token/:request_id', formBody, async (req, res) => {
    const organisation = await organisationOf(deps, req, res);
    if (!organisation) return;
    const code = String((req.body as Record<string, unknown>).code ?? '');
    const verified = await deps.selfService.verify(
      organisation,
      req.params.request_id as string,
      code,
    );
    if (verified.status === 'wrong_code')
      return res
        .status(422)
        .type('html')
        .send(
          renderCodeForm({
            organisation: organisation.name,
            masked: 'the address you gave',
            action: req.originalUrl,
            attemptsLeft: verified.attemptsLeft,
          }),
        );
    const done = verified.status === 'done';
    res
      .status(done ? 200 : 410)
      .type('html')
      .send(renderRequestOutcome(done ? 'Request confirmed' : 'Request closed', verified.message));
  });

  return router;
}

/** The form's organisation, or a 404 page the same for every way a token is not valid. */
async function organisationOf(
  deps: { selfService: SelfServiceRequests },
  req: Request,
  res: Response,
): Promise<{ accountId: string; name: string } | null> {
  const organisation = await deps.selfService.organisationOf(req.params.token as string);
  if (organisation) return organisation;
  res.status(404).type('html').send(renderInvalidLink('This request form does not exist.'));
  return null;
}
