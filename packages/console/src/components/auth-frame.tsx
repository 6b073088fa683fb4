import { type ReactNode, useEffect } from 'react';
import { PrivacyFooter } from './privacy-footer.js';

/** The frame of the pages before a session: sign up, log in and the emailed links. */
export function AuthFrame(props: { title: string; children: ReactNode; footer?: ReactNode }) {
  useEffect(() => {
    document.title = `${props.title} · Herald`;
  }, [props.title]);
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <p className="brand-line">
          <span aria-hidden="true" className="logo">
            H
          </span>{' '}
          Herald
        </p>
        <h1>{props.title}</h1>
        {props.children}
      </div>
      {props.footer && <div className="auth-footer">{props.footer}</div>}
      <PrivacyFooter />
    </main>
  );
}
