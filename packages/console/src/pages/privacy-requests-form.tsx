import { useState } from 'react';
import { api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { CopyButton } from '../components/copy-button.js';
import { Section } from '../components/section.js';
import { OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

/** The organisation's hosted form, where end users file their own requests. */
export function RequestFormSection() {
  const { can } = useSession();
  const [form, setForm] = useState<Schemas['PrivacyRequestForm'] | null>(null);
  const fetchForm = useAction({
    run: () => ok(api.POST('/v1/privacy-requests/form')),
    success: "Your request form's address.",
    onDone: setForm,
  });
  return (
    <Section title="Your request form" card>
      <p className="muted">
        End users can ask for a copy of their data, its erasure or a restriction, or object to
        marketing, on a form Herald hosts for you. Herald checks it is them with a one-time code
        sent to their phone number or email address, and the request joins the register above.
      </p>
      {form ? (
        <div className="form-address" role="status">
          <p>
            Put this address in your organisation's privacy notice, so end users know where to ask.
          </p>
          <p className="button-row">
            <a href={form.url} target="_blank" rel="noreferrer">
              <code data-testid="request-form-url">{form.url}</code>
            </a>
            <CopyButton value={form.url} label="Copy the address" />
          </p>
        </div>
      ) : can('privacy:manage') ? (
        <ActionButton onClick={() => fetchForm.run(undefined)} disabled={fetchForm.pending}>
          Show the form's address
        </ActionButton>
      ) : (
        <p>Someone who manages privacy in your organisation can get its address.</p>
      )}
      {/* The address itself is the news on success: only a failure needs saying. */}
      <OutcomeNotice outcome={fetchForm.outcome?.ok ? null : fetchForm.outcome} />
    </Section>
  );
}
