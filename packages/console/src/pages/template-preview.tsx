import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api.js';
import { ErrorNotice } from '../components/ui.js';

type PreviewInput = {
  channel: Schemas['Channel'];
  /** The language being edited: the preview asks for it, as a send would. */
  locale: string;
  defaultLocale: string;
  locales: Schemas['TemplateLocales'];
  /** As typed: JSON, perhaps not yet valid. */
  variables: string;
};

function parseVariables(text: string): Record<string, unknown> | Error {
  try {
    const value: unknown = JSON.parse(text || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
    return new Error('The variables must be a JSON object, like {"name": "Ana"}.');
  } catch {
    return new Error('The variables are not valid JSON yet.');
  }
}

/**
 * What a send would say with the draft as it stands, rendered by Herald itself
 * (`POST /v1/templates/preview`): the same Liquid, the same fallback and the same refusals.
 */
export function TemplatePreview(input: PreviewInput) {
  const variables = parseVariables(input.variables);
  const preview = useQuery({
    queryKey: ['template-preview', input],
    queryFn: () =>
      ok(
        api.POST('/v1/templates/preview', {
          body: {
            channel: input.channel,
            default_locale: input.defaultLocale,
            locales: input.locales,
            locale: input.locale,
            variables: variables as Record<string, unknown>,
          },
        }),
      ),
    enabled: !(variables instanceof Error),
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (variables instanceof Error) return <ErrorNotice error={variables} />;
  if (preview.error) return <ErrorNotice error={preview.error} />;
  const rendered = preview.data;
  if (!rendered) return null;
  const { content } = rendered;
  return (
    <section className="template-preview" aria-label="Preview">
      <p className="muted">
        {rendered.locale === input.locale
          ? `In ${rendered.locale}.`
          : `No ${input.channel} part in ${input.locale}: falls back to ${rendered.locale}.`}
      </p>
      {content.subject !== undefined && (
        <p>
          <strong>{content.subject}</strong>
        </p>
      )}
      {content.title !== undefined && (
        <p>
          <strong>{content.title}</strong>
        </p>
      )}
      {content.body !== undefined && <pre className="preview-text">{content.body}</pre>}
      {content.text !== undefined && <pre className="preview-text">{content.text}</pre>}
      {content.html !== undefined && (
        <iframe
          title="The email as HTML"
          sandbox=""
          srcDoc={content.html}
          className="email-frame"
        />
      )}
    </section>
  );
}
