import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, api, ok, onSessionEnded, type Schemas, setCsrfToken } from './api.js';

type Session = Schemas['Session'];

type SessionState = {
  session: Session | null;
  loading: boolean;
  error: Error | null;
  /** After a log-in, sign-up or password change: the answer is the new session. */
  setSession(session: Session | null): void;
  refresh(): Promise<unknown>;
  /** What the API says this person's role may do: the console hides the rest, the API decides. */
  can(permission: Schemas['Permission']): boolean;
};

const SessionContext = createContext<SessionState | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await ok(api.GET('/v1/auth/session'));
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The new session (or none), and a cache without what the last person saw. */
function replaceSession(client: QueryClient, next: Session | null): void {
  setCsrfToken(next?.csrf_token ?? null);
  client.setQueryData(['session'], next);
  // The session query stays observed; everything else goes.
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000 });
  const session = query.data ?? null;
  // A session that ended under a page (idle, or logged out elsewhere): back to log in.
  useEffect(() => {
    onSessionEnded(() => {
      if (client.getQueryData(['session'])) replaceSession(client, null);
    });
  }, [client]);
  const value: SessionState = {
    session,
    loading: query.isPending,
    error: query.error,
    setSession: (next) => replaceSession(client, next),
    refresh: () => query.refetch(),
    can: (permission) => session?.permissions.includes(permission) ?? false,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
