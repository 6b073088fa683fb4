import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { ApiError } from '../api.js';

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Herald`;
  }, [props.title]);
  return (
    <header className="page-header">
      <div>
        <h1 ref={heading}>{props.title}</h1>
        {props.description && <p className="muted">{props.description}</p>}
      </div>
      {props.actions && <div className="actions">{props.actions}</div>}
    </header>
  );
}

/** The API's message, and the field it is about when there is one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return error.param ? `${error.message} (${error.param})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <p role="alert" className="notice error">
      {errorText(error)}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p role="status" className="muted loading">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Loading, error and (with `isEmpty`) empty states for one query, then its content. */
export function QueryView<T>(props: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} />;
  if (props.isEmpty?.(query.data)) return <Empty>{props.empty ?? 'Nothing here yet.'}</Empty>;
  return <>{props.children(query.data)}</>;
}

/** The outcome of an action: success as a status, failure (with the API's code) as an alert. */
export type Outcome =
  | { ok: true; message: string }
  | { ok: false; message: string; code?: string }
  | null;

export function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" className="sr-only" />;
  return outcome.ok ? (
    <p role="status" className="notice success">
      {outcome.message}
    </p>
  ) : (
    <p role="alert" className="notice error">
      {outcome.message}
    </p>
  );
}

export function Field(props: {
  label: string;
  hint?: ReactNode;
  children: (id: string, describedBy?: string) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, hintId)}
      {props.hint && (
        <small id={hintId} className="muted">
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function Badge({ tone, children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge ${tone ?? ''}`}>{children}</span>;
}

const STATUS_TONES: Record<string, string> = {
  delivered: 'good',
  sent: 'good',
  received: 'good',
  active: 'good',
  completed: 'good',
  ready: 'good',
  failed: 'bad',
  undelivered: 'bad',
  suspended: 'bad',
  revoked: 'bad',
  canceled: 'muted',
  closed: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
}
