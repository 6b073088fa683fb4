import { describe, expect, it } from 'vitest';
import { localeChain } from './template.js';
import { checkTemplateParts, renderParts } from './template-engine.js';

const codeOf = async (run: () => unknown) => {
  try {
    await run();
    return 'rendered';
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as { param?: string }).param ?? ''}`.trim();
  }
};

/** The Liquid sandbox: a template reaches its variables and nothing else, in bounded time. */
describe('template engine', () => {
  it('renders variables and tags; HTML escapes unless raw, text never does', async () => {
    const content = await renderParts(
      'email',
      {
        subject: '{% if vip %}VIP: {% endif %}{{ items | size }} items',
        text: '{% for i in items %}{{ i.name }};{% endfor %} {{ note }}',
        html: '<p>{{ note }}</p>{{ note | raw }}',
      },
      { vip: true, items: [{ name: 'a' }, { name: 'b' }], note: '<i>&</i>' },
    );
    expect(content).toEqual({
      channel: 'email',
      subject: 'VIP: 2 items',
      text: 'a;b; <i>&</i>',
      html: '<p>&lt;i&gt;&amp;&lt;/i&gt;</p><i>&</i>',
    });
  });

  it('reaches no code and no files: prototypes, include, render and layout are refused', async () => {
    expect(
      await codeOf(() => renderParts('sms', { body: '{{ name.constructor }}' }, { name: 'x' })),
    ).toBe('template_variable_missing variables.name.constructor');
    expect(await codeOf(() => renderParts('sms', { body: '{{ __proto__ }}' }, {}))).toBe(
      'template_variable_missing variables.__proto__',
    );
    for (const tag of ['{% include "/etc/passwd" %}', '{% render "x" %}', '{% layout "x" %}'])
      expect(await codeOf(() => checkTemplateParts({ en: { sms: { body: tag } } }))).toBe(
        'invalid_template locales.en.sms.body',
      );
  });

  it('stops a template that would run away, and an undefined filter or a broken tag is refused when saved', async () => {
    expect(
      await codeOf(() =>
        renderParts('sms', { body: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' }, {}),
      ),
    ).toBe('template_render_failed');
    expect(
      await codeOf(() => checkTemplateParts({ fr: { push: { data: { k: '{{ x | nope }}' } } } })),
    ).toBe('invalid_template locales.fr.push.data.k');
    expect(
      await codeOf(() => checkTemplateParts({ en: { email: { subject: '{% for %}' } } })),
    ).toBe('invalid_template locales.en.email.subject');
  });

  it('renders push data values, and a falsy variable given is not missing', async () => {
    expect(
      await renderParts(
        'push',
        { title: '{{ n }}', data: { count: '{{ n }}', empty: '{{ s }}' } },
        { n: 0, s: '' },
      ),
    ).toEqual({ channel: 'push', title: '0', body: undefined, data: { count: '0', empty: '' } });
  });

  it('falls back from the most specific locale to the default', () => {
    expect(localeChain('zh-Hant-TW', 'en')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh', 'en']);
    expect(localeChain('pt-br', 'pt')).toEqual(['pt-BR', 'pt']);
    expect(localeChain(undefined, 'en')).toEqual(['en']);
  });
});
