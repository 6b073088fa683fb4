import { useState } from 'react';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { OutcomeNotice, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSenders } from '../components/use-senders.js';
import { SendingDomain } from './sending-domain.js';

type SenderDomain = Schemas['SenderDomain'];

const HINT =
  'Like mail.example.com. Herald makes a DKIM key for it and shows the records to publish.';

/** Adds the domain; a refusal names the field it is about (`param`), kept for the form to mark. */
async function addDomain(domain: string): Promise<SenderDomain> {
  try {
    return await ok(api.POST('/v1/sender-domains', { body: { domain } }));
  } catch (error) {
    // The API's own text points at its routes; here the domain's records are on the page.
    if (error instanceof ApiError && error.code === 'sender_domain_exists')
      throw new ApiError(
        error.status,
        error.code,
        `${domain} is already one of your domains: its records are below.`,
        error.param,
      );
    throw error;
  }
}

/**
 * The email domains the organisation may send from (ADR 33): ones it adds and proves it holds
 * by publishing DNS records, and ones the operator of this Herald lists.
 */
export function SendingDomainsSection({ manage }: { manage: boolean }) {
  const { domains } = useSenders();
  const [domain, setDomain] = useState('');
  // The field the API refused (its `param`), marked until the next try.
  const [refused, setRefused] = useState<string>();
  const add = useAction({
    run: (name: string) => {
      setRefused(undefined);
      return addDomain(name).catch((error: unknown) => {
        if (error instanceof ApiError) setRefused(error.param);
        throw error;
      });
    },
    success: (d) =>
      `${d.domain} added: publish its DNS records below, then verify them. Test keys may send from it now.`,
    invalidate: [['sender-domains']],
    onDone: () => setDomain(''),
  });
  const remove = useAction({
    run: (d: SenderDomain) =>
      ok(api.DELETE('/v1/sender-domains/{domain}', { params: { path: { domain: d.domain } } })),
    success: 'Removed, with its DKIM key: emails accepted from it and not yet sent will fail.',
    invalidate: [['sender-domains']],
  });
  const refusal = add.outcome && !add.outcome.ok ? add.outcome.message : undefined;
  return (
    <Section title="Email domains" card>
      <p className="muted">
        An email's From and Reply-To must be on one of these: a domain your organisation adds and
        proves it holds in DNS, or one the operator of this Herald lists. Without one, email goes
        out from Herald's own address.
      </p>
      <p className="notice neutral">
        Live API keys can send from a domain you add only once it is verified; test keys can send
        from it meanwhile.
      </p>
      {manage && (
        <ActionForm layout="row" action={add} onSubmit={() => add.run(domain.trim())} submit="Add">
          <TextField
            label="Add a domain"
            value={domain}
            onChange={setDomain}
            required
            // The refused field is marked, and described by why.
            {...(refused === 'domain' ? { 'aria-invalid': true, hint: refusal } : { hint: HINT })}
          />
        </ActionForm>
      )}
      <OutcomeNotice outcome={remove.outcome} />
      <QueryView
        query={domains}
        isEmpty={(list) => list.data.length === 0}
        empty={
          manage
            ? 'No domains yet: add yours above.'
            : 'No domains yet: an owner or admin can add one.'
        }
      >
        {(list) =>
          list.data.map((d) => (
            <SendingDomain
              key={d.domain}
              domain={d}
              manage={manage}
              onRemove={() => remove.run(d)}
            />
          ))
        }
      </QueryView>
    </Section>
  );
}
