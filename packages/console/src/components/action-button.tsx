import type { ButtonHTMLAttributes, ReactNode } from 'react';

/**
 * A button that does one thing to one object. `target` names the object for screen readers
 * ("Remove" reads "Remove +14155550100"); `confirm` asks first, for what cannot be undone.
 */
export function ActionButton({
  target,
  confirm,
  onClick,
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'> & {
  target?: string;
  confirm?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={() => {
        if (confirm === undefined || window.confirm(confirm)) onClick();
      }}
      {...button}
    >
      {children}
      {target !== undefined && <span className="sr-only"> {target}</span>}
    </button>
  );
}
