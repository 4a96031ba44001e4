import type { RuntimeSettings } from '@passerelle/config';

/**
 * The console's invitation page, the secret in the fragment: a fragment never reaches a server's
 * access log or another site's Referer.
 */
export const invitationUrl = (settings: Pick<RuntimeSettings, 'publicUrl'>, token: string) =>
  `${(settings.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/console/#invitation=${token}`;
