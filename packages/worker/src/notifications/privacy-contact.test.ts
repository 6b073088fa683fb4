import { describe, expect, it } from 'vitest';
import { withPrivacyContact } from './system-email.processor.js';

/** Issue 17, item 7: every one of Herald's own emails names who to write to about privacy. */
describe('the privacy contact at the foot of Herald’s emails', () => {
  it('ends the text and the HTML with the contact, escaped', () => {
    const footed = withPrivacyContact(
      { text: 'Hello.\n', html: '<p>Hello.</p>' },
      'dpo+<herald>@example.org',
    );
    expect(footed.text).toBe(
      'Hello.\n\n--\nQuestions about your privacy: dpo+<herald>@example.org\n',
    );
    expect(footed.html).toContain('Questions about your privacy: dpo+&lt;herald&gt;@example.org');
    expect(withPrivacyContact({ text: 'Plain.' }, 'p@example.org')).toEqual({
      text: 'Plain.\n\n--\nQuestions about your privacy: p@example.org\n',
    });
  });
});
