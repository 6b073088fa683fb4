import {
  type InboundMessageService,
  type Logger,
  type ProviderCallbackService,
  TWILIO_INBOUND_PATH,
  TWILIO_STATUS_PATH,
  twimlReply,
} from '@herald/core';
import type { Schemas } from '@herald/openapi';
import { type RequestHandler, Router } from 'express';
import { formBody } from '../http/form-body.js';
import { jsonBody } from '../http/json-body.js';
import { context, parametersOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';
import { requireTwilioSignature, type TwilioSignatureOptions } from '../http/twilio-signature.js';

export type ProvidersRouteDeps = {
  kit: RouteKit;
  inbound: InboundMessageService;
  callbacks: ProviderCallbackService;
  twilio: TwilioSignatureOptions;
  logger: Logger;
};

/**
 * What providers post back: Twilio's delivery receipts and inbound SMS (form-encoded, signed
 * with X-Twilio-Signature) and the email provider's bounces and complaints (JSON, bearer
 * token). These routes parse their own bodies, so the app mounts them before its JSON parser.
 */
export function providersRoutes(deps: ProvidersRouteDeps): Router {
  const router = Router();
  const signature = requireTwilioSignature(deps.twilio);
  /** The operation's own middleware with this route's body parser (and check) put first. */
  const withBody = (operationId: string, ...first: RequestHandler[]): RequestHandler[] => {
    const [name, ...rest] = deps.kit.route(operationId);
    return [name!, ...first, ...rest];
  };
  // The signature is checked before the body is validated: an unsigned caller learns nothing
  // about what Herald accepts.
  const twilioRoute = (operationId: string) => withBody(operationId, formBody, signature);

  router.post(TWILIO_STATUS_PATH, ...twilioRoute('receiveTwilioStatus'), async (req, res) => {
    const body = req.body as Schemas['TwilioStatusCallback'];
    const messageId = parametersOf(res).query.message_id as string | undefined;
    const outcome = await deps.callbacks.twilioStatus({
      messageId,
      messageSid: body.MessageSid,
      messageStatus: body.MessageStatus,
      errorCode: body.ErrorCode,
    });
    // 204 all the same: Twilio cannot do better by trying again.
    if (outcome === 'unknown_message')
      deps.logger.warn(
        { requestId: context(res).requestId, messageId, messageSid: body.MessageSid },
        'Twilio status callback for an unknown message',
      );
    res.status(204).end();
  });

  router.post(TWILIO_INBOUND_PATH, ...twilioRoute('receiveTwilioInbound'), async (req, res) => {
    const body = req.body as Schemas['TwilioInbound'];
    const outcome = await deps.inbound.receive({
      provider: 'twilio',
      providerMessageId: body.MessageSid ?? null,
      to: body.To,
      from: body.From,
      body: body.Body ?? '',
    });
    if (!outcome.routed)
      deps.logger.warn(
        { requestId: context(res).requestId, numberFingerprint: outcome.numberFingerprint },
        'inbound SMS to a number no organisation owns',
      );
    res
      .status(200)
      .type('text/xml')
      .send(twimlReply(outcome.routed ? outcome.reply : null));
  });

  router.post(
    '/v1/providers/email/events',
    ...withBody('receiveEmailEvent', jsonBody),
    async (req, res) => {
      const body = req.body as Schemas['EmailProviderEvent'];
      await deps.callbacks.emailEvent({
        type: body.type,
        email: body.email,
        providerMessageId: body.provider_message_id,
        bounceType: body.bounce_type,
        diagnostic: body.diagnostic,
      });
      res.status(204).end();
    },
  );

  return router;
}
