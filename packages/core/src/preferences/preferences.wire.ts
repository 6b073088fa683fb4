import type { Schemas } from '@herald/openapi';
import type { Preferences } from './preference.service.js';
import type { Topic } from './topic.service.js';

export function presentTopic(topic: Topic): Schemas['Topic'] {
  return {
    object: 'topic',
    key: topic.key,
    name: topic.name,
    description: topic.description,
    created_at: topic.createdAt.toISOString(),
  };
}

export function presentPreferences(preferences: Preferences): Schemas['Preferences'] {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    object: 'preferences',
    channel: preferences.channel,
    identifier_masked: preferences.identifierMasked,
    marketing: {
      subscribed: preferences.marketing.subscribed,
      updated_at: iso(preferences.marketing.updatedAt),
    },
    topics: preferences.topics.map((topic) => ({
      topic: topic.key,
      name: topic.name,
      subscribed: topic.subscribed,
      updated_at: iso(topic.updatedAt),
    })),
    history: preferences.history.map((change) => ({
      topic: change.topic,
      subscribed: change.subscribed,
      source: change.source,
      recorded_at: change.recordedAt.toISOString(),
    })),
  };
}
