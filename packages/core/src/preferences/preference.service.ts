import type { Kysely } from 'kysely';
import { normalizeRecipient } from '../messages/message-rules.js';
import type { Clock } from '../platform/clock.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type {
  ChannelName,
  MessageCategory,
  PreferenceSource,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';
import { maskIdentifier, parseIdentifier } from '../suppressions/identifier.js';
import type { IdentifierHasher } from '../suppressions/identifier-hasher.js';
import type { PersonWebhooks } from '../webhooks/person-webhooks.js';
import {
  listPreferenceChanges,
  listPreferenceStates,
  MARKETING_SCOPE,
  optedOutScope,
  type PreferenceKey,
  recordPreferenceChanges,
  topicOfScope,
  topicScope,
} from './preference.store.js';
import type { TopicService } from './topic.service.js';

/** An end user as preferences know them: their keyed hash, and the masked form to show. */
export type PreferenceSubject = PreferenceKey & { masked: string };

export type Preferences = {
  channel: ChannelName;
  identifierMasked: string;
  marketing: { subscribed: boolean; updatedAt: Date | null };
  topics: Array<{ key: string; name: string; subscribed: boolean; updatedAt: Date | null }>;
  history: Array<{
    topic: string | null;
    subscribed: boolean;
    source: PreferenceSource;
    recordedAt: Date;
  }>;
};

/** What an end user said: about all marketing, and about topics by key. */
export type PreferenceAnswers = { marketing?: boolean; topics?: Record<string, boolean> };

/** How the answers were given, which the history keeps as the proof of consent. */
export type PreferenceProvenance = { source: PreferenceSource; actorId: string | null };

/**
 * End users' preferences (issue 16): opt-outs of all marketing and of each topic, and opt-ins
 * back. Kept by the keyed hash the suppression list uses, so an erasure finds them and a dump
 * shows no identifier. A send asks `refusal` before it is accepted, and the worker again
 * before it sends; transactional messages naming no topic are never refused here.
 */
export class PreferenceService {
  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      hasher: IdentifierHasher;
      topics: TopicService;
      clock: Clock;
      /** `preference.updated` webhooks; none without it. */
      events?: PersonWebhooks;
    },
  ) {}

  /** The end user behind an identifier the caller gave, or a 422 naming `param`. */
  async subjectOf(
    accountId: string,
    channel: ChannelName,
    raw: string,
    param = 'identifier',
  ): Promise<PreferenceSubject> {
    const identifier = parseIdentifier(channel, raw, param);
    return {
      accountId,
      channel,
      hash: await this.deps.hasher.hash(accountId, channel, identifier),
      masked: maskIdentifier(channel, identifier),
    };
  }

  async get(subject: PreferenceSubject): Promise<Preferences> {
    const [topics, states, history] = await Promise.all([
      this.deps.topics.list(subject.accountId),
      listPreferenceStates(this.deps.usage, subject),
      listPreferenceChanges(this.deps.usage, subject),
    ]);
    const byScope = new Map(states.map((state) => [state.scope, state]));
    const answer = (scope: string) => ({
      subscribed: byScope.get(scope)?.subscribed ?? true,
      updatedAt: byScope.get(scope)?.updated_at ?? null,
    });
    return {
      channel: subject.channel,
      identifierMasked: subject.masked,
      marketing: answer(MARKETING_SCOPE),
      topics: topics.map((topic) => ({
        key: topic.key,
        name: topic.name,
        ...answer(topicScope(topic.key)),
      })),
      history: history.map((change) => ({
        topic: topicOfScope(change.scope),
        subscribed: change.subscribed,
        source: change.source,
        recordedAt: change.recorded_at,
      })),
    };
  }

  /**
   * Records the answers that change something (one asked twice is kept once), each with when
   * and how, and tells subscribed webhook endpoints in the same transaction. Every topic named
   * must be the account's (`topic_not_found`, naming `topics.<key>`), checked before anything
   * is written.
   */
  async update(
    subject: PreferenceSubject,
    answers: PreferenceAnswers,
    how: PreferenceProvenance,
  ): Promise<Preferences> {
    const asked = await this.scopesOf(subject.accountId, answers);
    const current = new Map(
      (await listPreferenceStates(this.deps.usage, subject)).map((s) => [s.scope, s.subscribed]),
    );
    const changes = asked.filter((a) => (current.get(a.scope) ?? true) !== a.subscribed);
    if (changes.length > 0) {
      const jobs = await this.deps.usage.transaction().execute(async (tx) => {
        await recordPreferenceChanges(tx, subject, changes, { ...how, at: this.deps.clock.now() });
        return this.deps.events?.recordAbout(tx, {
          accountId: subject.accountId,
          identifierHash: subject.hash,
          type: 'preference.updated',
          data: {
            preferences: {
              channel: subject.channel,
              identifier_masked: subject.masked,
              changes: changes.map((c) => ({
                topic: topicOfScope(c.scope),
                subscribed: c.subscribed,
              })),
              source: how.source,
            },
          },
        });
      });
      await this.deps.events?.enqueue(jobs ?? []);
    }
    return this.get(subject);
  }

  /**
   * Why a send may not go to `recipient`, or null. A marketing send is refused to someone who
   * left all marketing; any send naming a topic, to someone who left that topic.
   */
  async refusal(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    send: { category: MessageCategory; topic: string | null },
    knownHash?: string,
  ): Promise<HeraldError | null> {
    const scopes = [
      ...(send.topic ? [topicScope(send.topic)] : []),
      ...(send.category === 'marketing' ? [MARKETING_SCOPE] : []),
    ];
    if (scopes.length === 0) return null;
    const hash =
      knownHash ??
      (await this.deps.hasher.hash(accountId, channel, normalizeRecipient(channel, recipient)));
    const scope = await optedOutScope(this.deps.usage, { accountId, channel, hash }, scopes);
    if (!scope) return null;
    const topic = topicOfScope(scope);
    return new HeraldError('recipient_unsubscribed', {
      param: topic ? 'topic' : 'category',
      reason: topic ? `the topic "${topic}"` : 'all marketing',
    });
  }

  /** The scopes answers speak of, each topic checked to be the account's. */
  private async scopesOf(accountId: string, answers: PreferenceAnswers) {
    const scopes: Array<{ scope: string; subscribed: boolean }> = [];
    if (answers.marketing !== undefined)
      scopes.push({ scope: MARKETING_SCOPE, subscribed: answers.marketing });
    for (const [key, subscribed] of Object.entries(answers.topics ?? {})) {
      await this.deps.topics.require(accountId, key, `topics.${key}`);
      scopes.push({ scope: topicScope(key), subscribed });
    }
    return scopes;
  }
}
