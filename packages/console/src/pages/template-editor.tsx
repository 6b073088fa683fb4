import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { CHANNELS } from '../components/channels.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { ErrorNotice, Loading, PageHeader } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';
import { TemplatePreview } from './template-preview.js';

type Channel = Schemas['Channel'];
type Locales = Schemas['TemplateLocales'];
type Parts = Record<string, string>;

/** The fields a channel's part has, in the order the editor shows them. */
const FIELDS: Record<Channel, ReadonlyArray<readonly [string, string, 'line' | 'text']>> = {
  sms: [['body', 'SMS body', 'text']],
  email: [
    ['subject', 'Subject', 'line'],
    ['text', 'Plain text', 'text'],
    ['html', 'HTML', 'text'],
  ],
  push: [
    ['title', 'Push title', 'line'],
    ['body', 'Push body', 'text'],
  ],
};

/**
 * The draft as the API takes it: empty fields left out, a channel with none left out, and a
 * language with no channel left out (it falls back to the default until it has one).
 */
function toLocales(draft: Record<string, Partial<Record<Channel, Parts>>>): Locales {
  const locales: Locales = {};
  for (const [locale, channels] of Object.entries(draft)) {
    const kept: Record<string, Parts> = {};
    for (const [channel, parts] of Object.entries(channels)) {
      const filled = Object.fromEntries(Object.entries(parts ?? {}).filter(([, v]) => v !== ''));
      if (Object.keys(filled).length > 0) kept[channel] = filled;
    }
    if (Object.keys(kept).length > 0) locales[locale] = kept as Locales[string];
  }
  return locales;
}

/** Waits until `value` has held still for `ms`: a preview per pause, not per keystroke. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `/templates/new` and `/templates/:ref`: edit the parts per language and channel, with a live preview. */
export function TemplateEditorPage() {
  const { ref } = useParams();
  const existing = useQuery({
    queryKey: ['templates', ref],
    queryFn: () =>
      ok(api.GET('/v1/templates/{template_id}', { params: { path: { template_id: ref ?? '' } } })),
    enabled: ref !== undefined,
  });
  if (ref !== undefined && !existing.data) {
    return existing.error ? <ErrorNotice error={existing.error} /> : <Loading />;
  }
  return <TemplateEditor key={existing.data?.version} template={existing.data} />;
}

function TemplateEditor({ template }: { template?: Schemas['Template'] }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const manage = can('templates:manage');
  const [name, setName] = useState('');
  const [description, setDescription] = useState(template?.description ?? '');
  const [draft, setDraft] = useState<Record<string, Partial<Record<Channel, Parts>>>>(
    (template?.locales as Record<string, Partial<Record<Channel, Parts>>>) ?? { en: {} },
  );
  const [defaultLocale, setDefaultLocale] = useState(template?.default_locale ?? 'en');
  const [locale, setLocale] = useState(template?.default_locale ?? 'en');
  const [channel, setChannel] = useState<Channel>('sms');
  const [newLocale, setNewLocale] = useState('');
  const [variables, setVariables] = useState('{\n  "name": "Ana"\n}');

  const parts = draft[locale]?.[channel] ?? {};
  const setPart = (field: string, value: string) =>
    setDraft((current) => ({
      ...current,
      [locale]: {
        ...current[locale],
        [channel]: { ...current[locale]?.[channel], [field]: value },
      },
    }));
  const locales = toLocales(draft);
  const preview = useSettled({ channel, locale, defaultLocale, locales, variables });

  const save = useAction({
    run: () => {
      const body = { default_locale: defaultLocale, locales, description: description || null };
      return template
        ? ok(
            api.POST('/v1/templates/{template_id}/versions', {
              params: { path: { template_id: template.id } },
              body,
            }),
          )
        : ok(api.POST('/v1/templates', { body: { ...body, name } }));
    },
    success: (t) => `Saved: ${t.name} is at version ${t.version}. Sends use it from now on.`,
    invalidate: [['templates']],
    onDone: (t) => {
      if (!template) navigate(`/templates/${t.name}`);
    },
  });
  const remove = useAction({
    run: (id: string) =>
      ok(api.DELETE('/v1/templates/{template_id}', { params: { path: { template_id: id } } })),
    success: 'Deleted.',
    invalidate: [['templates']],
    onDone: () => navigate('/templates'),
  });

  return (
    <>
      <PageHeader
        title={template ? template.name : 'New template'}
        description={
          template
            ? `Version ${template.version}. Saving makes a new version; sends that name no version use the newest.`
            : 'Write each language’s parts in Liquid: {{ name }} is a variable, {% if %} and {% for %} work.'
        }
      />
      <div className="split">
        <Section title="Parts" card>
          <ActionForm
            layout="stack"
            action={save}
            onSubmit={() => save.run(undefined)}
            submit={template ? 'Save new version' : 'Create template'}
            disabled={!manage}
            more={
              template &&
              manage && (
                <ActionButton className="secondary" onClick={() => remove.run(template.id)}>
                  Delete template
                </ActionButton>
              )
            }
          >
            {!template && (
              <TextField
                label="Name"
                hint="How sends name it: lower-case letters, digits, - and _ (order-shipped)."
                value={name}
                onChange={setName}
                pattern="[a-z0-9][a-z0-9_\-]{0,63}"
                required
              />
            )}
            <TextField label="Description" value={description} onChange={setDescription} />
            <SelectField
              label="Language"
              hint="The one you edit and preview."
              value={locale}
              onChange={setLocale}
              options={Object.keys(draft).map((l) => [l, l] as const)}
            />
            <SelectField
              label="Default language"
              hint="Where a send's language falls back to: pt-BR → pt → this."
              value={defaultLocale}
              onChange={setDefaultLocale}
              options={Object.keys(draft).map((l) => [l, l] as const)}
            />
            <fieldset className="checks">
              <legend>Channel</legend>
              {CHANNELS.map(([c, label]) => (
                <label key={c}>
                  <input
                    type="radio"
                    name="template-channel"
                    checked={channel === c}
                    onChange={() => setChannel(c)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </fieldset>
            {FIELDS[channel].map(([field, label, kind]) =>
              kind === 'line' ? (
                <TextField
                  key={`${channel}-${field}`}
                  label={label}
                  value={parts[field] ?? ''}
                  onChange={(v) => setPart(field, v)}
                />
              ) : (
                <TextAreaField
                  key={`${channel}-${field}`}
                  label={label}
                  rows={field === 'html' ? 6 : 3}
                  value={parts[field] ?? ''}
                  onChange={(v) => setPart(field, v)}
                />
              ),
            )}
          </ActionForm>
          <div className="row-form">
            <TextField
              label="Add a language"
              hint="A BCP 47 tag: pt, pt-BR, zh-Hant."
              value={newLocale}
              onChange={setNewLocale}
            />
            <button
              type="button"
              className="secondary"
              disabled={newLocale.trim() === ''}
              onClick={() => {
                const tag = newLocale.trim();
                setDraft((current) => ({ [tag]: {}, ...current }));
                setLocale(tag);
                setNewLocale('');
              }}
            >
              Add language
            </button>
          </div>
        </Section>
        <Section title="Preview" card>
          <TextAreaField
            label="Variables (JSON)"
            hint="What a send would give in `variables`."
            rows={4}
            value={variables}
            onChange={setVariables}
          />
          <TemplatePreview {...preview} />
        </Section>
      </div>
    </>
  );
}
