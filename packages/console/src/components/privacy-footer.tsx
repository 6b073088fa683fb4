import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api.js';

/** The policies in effect and the privacy contact (public: the pages before a session use it too). */
export function usePolicies() {
  return useQuery({
    queryKey: ['policies'],
    queryFn: () => ok(api.GET('/v1/policies')),
    staleTime: 60 * 60_000,
  });
}

/** On every page: the privacy notice, the terms, and who to write to about privacy. */
export function PrivacyFooter() {
  const policies = usePolicies().data;
  if (!policies) return null;
  return (
    <footer className="privacy-footer">
      {policies.privacy && <a href={policies.privacy.url}>Privacy notice</a>}
      {policies.terms && <a href={policies.terms.url}>Terms</a>}
      <span>
        Privacy questions:{' '}
        <a href={`mailto:${policies.privacy_contact}`}>{policies.privacy_contact}</a>
      </span>
    </footer>
  );
}
