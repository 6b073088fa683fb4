import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api.js';
import { QueryTable } from '../components/data-table.js';
import { Section } from '../components/section.js';
import { formatDate, PageHeader } from '../components/ui.js';
import { useSession } from '../session.js';

/** The organisation's message templates, each at its latest version. */
export function TemplatesPage() {
  const { can } = useSession();
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: () => ok(api.GET('/v1/templates')),
  });
  return (
    <>
      <PageHeader
        title="Templates"
        description="Texts your sends name instead of writing them out: per channel and language, in Liquid ({{ name }}). A send gives the variables."
        actions={
          can('templates:manage') && (
            <Link className="button" to="/templates/new">
              New template
            </Link>
          )
        }
      />
      <Section title="Your templates" card>
        <QueryTable
          query={templates}
          empty="No templates yet."
          caption="Templates"
          rowKey={(t) => t.id}
          columns={[
            {
              header: 'Name',
              cell: (t) => <Link to={`/templates/${t.name}`}>{t.name}</Link>,
            },
            { header: 'Version', cell: (t) => t.version },
            {
              header: 'Languages',
              cell: (t) =>
                Object.keys(t.locales)
                  .map((locale) => (locale === t.default_locale ? `${locale} (default)` : locale))
                  .join(', '),
            },
            { header: 'Changed', cell: (t) => formatDate(t.updated_at) },
          ]}
        />
      </Section>
    </>
  );
}
