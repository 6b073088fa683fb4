import type { FormEvent, ReactNode } from 'react';
import { type Outcome, OutcomeNotice } from './ui.js';

/**
 * A form that runs one action: its fields, the submit button (off while the action runs) and,
 * after the form, the action's outcome. `layout`: `row` puts fields and button on one line,
 * `stack` one under the other, `plain` leaves it to the page (the log-in cards).
 */
export function ActionForm(props: {
  action: { pending: boolean; outcome: Outcome };
  onSubmit: () => void;
  submit: ReactNode;
  /** The submit button's text while the action runs, when it should change. */
  pendingLabel?: string;
  layout: 'row' | 'stack' | 'plain';
  /** The submit button's class (`danger`), and whether it can be pressed. */
  submitClass?: string;
  disabled?: boolean;
  /** Buttons after the submit button. */
  more?: ReactNode;
  /**
   * What the notice tells instead of the action's outcome (the outcome of a second action), or
   * `false` where the page tells it elsewhere, because it outlives the form.
   */
  outcome?: Outcome | false;
  children: ReactNode;
}) {
  const { action } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  const button = (
    <button type="submit" className={props.submitClass} disabled={action.pending || props.disabled}>
      {action.pending && props.pendingLabel ? props.pendingLabel : props.submit}
    </button>
  );
  const className = { row: 'row-form', stack: 'form', plain: undefined }[props.layout];
  return (
    <>
      <form className={className} onSubmit={submit}>
        {props.children}
        {props.layout === 'stack' ? (
          <div className={props.more ? 'button-row' : undefined}>
            {button}
            {props.more}
          </div>
        ) : (
          <>
            {button}
            {props.more}
          </>
        )}
      </form>
      {props.outcome !== false && (
        <OutcomeNotice outcome={props.outcome === undefined ? action.outcome : props.outcome} />
      )}
    </>
  );
}
