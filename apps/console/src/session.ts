import { get, useKey } from './api/client';
import type { Me, Organisation } from './api/types';

export interface Session {
  me: Me;
  /** Names of organisations by id, from the directory, for display. */
  names: Map<string, string>;
}

/**
 * The key lives in this tab's sessionStorage: it survives a reload (a mobile browser may reload a
 * background tab) but not the tab, and it never goes into a URL or a cookie. Sign-out forgets it.
 */
const STORAGE_KEY = 'passerelle.console.key';

let current: Session | null = null;
export const session = (): Session | null => current;

export async function signIn(key: string, onExpired: () => void): Promise<Session> {
  // A key refused here is a typing error, answered on the sign-in form; only a key that stops
  // working later (revoked, expired) sends the person back to sign in.
  useKey(key);
  try {
    const me = await get<Me>('/v1/me');
    const names = await directoryNames();
    sessionStorage.setItem(STORAGE_KEY, key);
    useKey(key, () => {
      signOut();
      onExpired();
    });
    current = { me, names };
    return current;
  } catch (error) {
    useKey(null);
    throw error;
  }
}

export async function restore(onExpired: () => void): Promise<Session | null> {
  const key = sessionStorage.getItem(STORAGE_KEY);
  if (!key) return null;
  try {
    return await signIn(key, onExpired);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  useKey(null);
  current = null;
}

export const organisationName = (id: string): string => current?.names.get(id) ?? id;

async function directoryNames(): Promise<Map<string, string>> {
  const { items } = await get<{ items: Organisation[] }>('/v1/organisations');
  return new Map(items.map((o) => [o.id, o.name]));
}
