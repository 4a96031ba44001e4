import { ApiError, get, post, useSession } from './api/client';
import type { Me, Organisation, SessionInfo } from './api/types';

export interface Session {
  me: Me;
  /** Names of organisations by id, from the directory, for display. */
  names: Map<string, string>;
}

let current: Session | null = null;
export const session = (): Session | null => current;

/**
 * Picks up the session the server holds for this browser (its cookie is HttpOnly: the page only
 * learns whether it is signed in, and the CSRF token for changes). Null when signed out.
 */
export async function restore(onExpired: () => void): Promise<Session | null> {
  try {
    const info = await get<SessionInfo>('/auth/session');
    useSession(info.csrfToken, () => {
      current = null;
      useSession(null);
      onExpired();
    });
    const me = await get<Me>('/v1/me');
    current = { me, names: await directoryNames() };
    return current;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** Ends the session on the server (its cookie is then refused everywhere), then forgets it here. */
export async function signOut(everywhere = false): Promise<void> {
  try {
    await post(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', {});
  } finally {
    useSession(null);
    current = null;
  }
}

export const organisationName = (id: string): string => current?.names.get(id) ?? id;

async function directoryNames(): Promise<Map<string, string>> {
  const { items } = await get<{ items: Organisation[] }>('/v1/organisations');
  return new Map(items.map((o) => [o.id, o.name]));
}
