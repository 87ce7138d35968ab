import { createContext, useContext } from 'react';
import type { Schemas } from './api/client';

/** Who the console is signed in as. */
export const SessionContext = createContext<Schemas['SessionDto'] | null>(null);

/** True when the session may change things (admin and operator keys); read-only keys see everything and change nothing. */
export function useCanWrite(): boolean {
  const role = useContext(SessionContext)?.role;
  return role === 'admin' || role === 'operator';
}
