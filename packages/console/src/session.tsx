import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, type Schemas, setCsrfToken } from './api.js';
import { roleCan } from './permissions.js';

type SessionState = {
  session: Schemas['Session'] | null;
  loading: boolean;
  error: Error | null;
  /** After a log-in, sign-up or password change: the answer is the new session. */
  setSession(session: Schemas['Session'] | null): void;
  refresh(): Promise<unknown>;
  can(permission: string): boolean;
};

const SessionContext = createContext<SessionState | null>(null);

async function fetchSession(): Promise<Schemas['Session'] | null> {
  try {
    const session = await api.get<Schemas['Session']>('/v1/auth/session');
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000 });
  const session = query.data ?? null;
  const value: SessionState = {
    session,
    loading: query.isPending,
    error: query.error,
    setSession: (next) => {
      setCsrfToken(next?.csrf_token ?? null);
      client.setQueryData(['session'], next);
      // Another person's data must not linger in the cache; the session query stays observed.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
    refresh: () => query.refetch(),
    can: (permission) => (session ? roleCan(session.role, permission) : false),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
