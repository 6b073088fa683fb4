import {
  type AuditLog,
  actorOf,
  type ChannelName,
  type PreferenceLinks,
  type PreferenceService,
  preferencePageUrl,
  presentPreferences,
  presentTopic,
  type TopicService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

type Schemas = components['schemas'];

const DEFAULT_LINK_SECONDS = 7 * 24 * 3600;

/**
 * Topics and end users' preferences (issue 16). A change made here is the organisation speaking
 * for the end user: kept with `api` or `console` and the key or user, so it can be told from
 * one the person made on their own page.
 */
export function preferencesRoutes(deps: {
  kit: RouteKit;
  topics: TopicService;
  preferences: PreferenceService;
  links: PreferenceLinks;
  audit: AuditLog;
  publicUrl: string;
}): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/topics', ...route('listTopics'), async (_req, res) => {
    const topics = await deps.topics.list(principalOf(res).accountId);
    res.json({ object: 'list', data: topics.map(presentTopic) });
  });

  router.post('/v1/topics', ...route('createTopic'), async (req, res) => {
    const body = req.body as Schemas['CreateTopicRequest'];
    const principal = principalOf(res);
    const topic = await deps.topics.create(principal.accountId, body);
    await deps.audit.record({
      accountId: principal.accountId,
      actor: actorOf(principal, metaOf(req)),
      action: 'topic.created',
      target: { type: 'topic', id: topic.key },
    });
    res.status(201).json(presentTopic(topic));
  });

  router.delete('/v1/topics/:topic_key', ...route('deleteTopic'), async (req, res) => {
    const principal = principalOf(res);
    const key = req.params.topic_key as string;
    await deps.topics.remove(principal.accountId, key);
    await deps.audit.record({
      accountId: principal.accountId,
      actor: actorOf(principal, metaOf(req)),
      action: 'topic.deleted',
      target: { type: 'topic', id: key },
    });
    res.status(204).end();
  });

  router.get('/v1/preferences', ...route('getPreferences'), async (_req, res) => {
    const query = parametersOf(res).query;
    const subject = await deps.preferences.subjectOf(
      principalOf(res).accountId,
      query.channel as ChannelName,
      query.identifier as string,
    );
    res.json(presentPreferences(await deps.preferences.get(subject)));
  });

  router.patch('/v1/preferences', ...route('updatePreferences'), async (req, res) => {
    const body = req.body as Schemas['UpdatePreferencesRequest'];
    const principal = principalOf(res);
    const subject = await deps.preferences.subjectOf(
      principal.accountId,
      body.channel,
      body.identifier,
    );
    const preferences = await deps.preferences.update(
      subject,
      { marketing: body.marketing, topics: body.topics },
      {
        source: principal.kind === 'user' ? 'console' : 'api',
        actorId: actorOf(principal, metaOf(req)).id,
      },
    );
    res.json(presentPreferences(preferences));
  });

  router.post('/v1/preferences/links', ...route('createPreferenceLink'), async (req, res) => {
    const body = req.body as Schemas['CreatePreferenceLinkRequest'];
    const principal = principalOf(res);
    const subject = await deps.preferences.subjectOf(
      principal.accountId,
      body.channel,
      body.identifier,
    );
    const expiresAt = new Date(Date.now() + (body.expires_in ?? DEFAULT_LINK_SECONDS) * 1000);
    const token = await deps.links.sign({ ...subject, expiresAt });
    res.status(201).json({
      object: 'preference_link',
      url: preferencePageUrl(deps.publicUrl, token),
      expires_at: expiresAt.toISOString(),
    });
  });

  return router;
}
