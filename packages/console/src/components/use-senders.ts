import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api.js';

/** The organisation's numbers (held or claimed) and the email domains it may send from. */
export function useSenders() {
  const numbers = useQuery({
    queryKey: ['phone-numbers'],
    queryFn: () => ok(api.GET('/v1/phone-numbers')),
  });
  const domains = useQuery({
    queryKey: ['sender-domains'],
    queryFn: () => ok(api.GET('/v1/sender-domains')),
  });
  return { numbers, domains };
}
