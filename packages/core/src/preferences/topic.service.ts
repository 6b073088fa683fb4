import type { Kysely } from 'kysely';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { deleteTopic, findTopic, insertTopic, listTopics, type TopicRow } from './topic.store.js';

export type Topic = { key: string; name: string; description: string | null; createdAt: Date };

/**
 * The topics an organisation sends about. A send naming a topic it does not have is refused
 * (`topic_not_found`, naming `topic`), so a typo never slips past an end user's opt-out.
 */
export class TopicService {
  constructor(private readonly deps: { account: Kysely<AccountDatabase> }) {}

  async list(accountId: string): Promise<Topic[]> {
    return (await listTopics(this.deps.account, accountId)).map(toTopic);
  }

  async create(
    accountId: string,
    input: { key: string; name: string; description?: string },
  ): Promise<Topic> {
    const row = await insertTopic(this.deps.account, {
      account_id: accountId,
      key: input.key,
      name: input.name,
      description: input.description ?? null,
    });
    if (!row) throw new HeraldError('topic_key_taken', { param: 'key' });
    return toTopic(row);
  }

  async remove(accountId: string, key: string): Promise<void> {
    if (!(await deleteTopic(this.deps.account, accountId, key)))
      throw new HeraldError('topic_not_found', { param: 'topic_key' });
  }

  /** The topic a send or a preference names, or a 422 naming `param`. */
  async require(accountId: string, key: string, param: string): Promise<Topic> {
    const row = await findTopic(this.deps.account, accountId, key);
    if (!row)
      throw new HeraldError('topic_not_found', {
        param,
        detail: `Your organisation has no topic "${key}". GET /v1/topics lists them; POST /v1/topics adds one.`,
      });
    return toTopic(row);
  }
}

export function toTopic(row: TopicRow): Topic {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
  };
}
