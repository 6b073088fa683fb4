import { type ReactNode, useId } from 'react';

/** A titled part of a page, named by its heading; `card` draws it as a panel. */
export function Section(props: {
  title: ReactNode;
  card?: boolean;
  /** Where a link can point (`/account#review`). */
  id?: string;
  children: ReactNode;
}) {
  const heading = useId();
  return (
    <section id={props.id} className={props.card ? 'card' : undefined} aria-labelledby={heading}>
      <h2 id={heading}>{props.title}</h2>
      {props.children}
    </section>
  );
}
