import { useState } from 'react';

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary small"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : label}
      <span className="sr-only" aria-live="polite">
        {copied ? ' to the clipboard' : ''}
      </span>
    </button>
  );
}

/** A secret shown once: the value, a copy button, and the warning. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  return (
    <div className="secret" role="status">
      <p>
        <strong>{label}</strong> — copy it now: Herald keeps only a hash and will not show it again.
      </p>
      <div className="secret-row">
        <code data-testid="secret">{value}</code>
        <CopyButton value={value} />
      </div>
    </div>
  );
}
