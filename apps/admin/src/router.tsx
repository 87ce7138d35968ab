import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** Where the console is mounted; its routes are the paths below it. */
export const BASE = '/admin';

interface RouterState {
  readonly path: string;
  readonly search: URLSearchParams;
  navigate(to: string): void;
}

const RouterContext = createContext<RouterState | null>(null);

function current(): { path: string; search: URLSearchParams } {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return { path: path === '' ? '/' : path, search: new URLSearchParams(window.location.search) };
}

/** History-based routing under /admin (the API answers index.html for every path there). */
export function Router({ children }: { children: ReactNode }) {
  const [state, setState] = useState(current);
  useEffect(() => {
    const onPop = () => setState(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', `${BASE}${to}`);
    setState(current());
    window.scrollTo(0, 0);
  }, []);
  return <RouterContext.Provider value={{ ...state, navigate }}>{children}</RouterContext.Provider>;
}

/** The current route and a way to move. */
export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside Router');
  return router;
}

/** The parameters of `pattern` (`/items/:id`) if the path matches it. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
