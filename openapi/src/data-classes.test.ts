import { describe, expect, it } from 'vitest';
import { classifiedFields, dataClasses } from './data-classes.js';
import { loadSpec } from './index.js';

describe('data classes', () => {
  const fields = classifiedFields(loadSpec());

  it('every schema property says which store and category it belongs to (x-data-class)', () => {
    const unclassified = fields
      .filter((f) => !f.dataClass || !dataClasses.includes(f.dataClass))
      .map((f) => `${f.schema}.${f.path}`);
    expect(unclassified).toEqual([]);
  });

  it('the content fields are exactly what a message says', () => {
    const content = new Set(fields.filter((f) => f.dataClass === 'content').map((f) => f.name));
    // `Body` is Twilio's name for an inbound SMS's text. An email's display name and reply-to
    // (`from_name`, `reply_to` with its `name` and `address`) are kept with its content. A
    // template's `variables` (Twilio's `ContentVariables`) are what its parts render into a
    // message's content.
    expect([...content].sort()).toEqual([
      'Body',
      'ContentVariables',
      'address',
      'body',
      'content',
      'data',
      'from_name',
      'html',
      'name',
      'reply_to',
      'subject',
      'text',
      'title',
      'variables',
    ]);
  });
});

describe('exports follow the marking', () => {
  const fields = classifiedFields(loadSpec());
  const classesOf = (schema: string) =>
    new Set(
      fields.filter((f) => f.schema === schema && !f.path.includes('.')).map((f) => f.dataClass),
    );

  it("an end user's archive holds only usage data, content and protocol fields — no account data", () => {
    expect(classesOf('SubjectArchive').has('account')).toBe(false);
  });

  it("the organisation's own export holds only account data — no end user's usage data or content", () => {
    expect([...classesOf('AccountExport')].every((c) => c === 'account' || c === 'meta')).toBe(
      true,
    );
  });
});

describe('docs/privacy.md', () => {
  it('carries the current data inventory (run `npm run generate` after changing the spec)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withInventory } = await import('./data-inventory.js');
    const committed = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');
    expect(committed).toBe(withInventory(committed, loadSpec()));
  });
});
