import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';

/**
 * WebAuthn's relying party is the public origin's host name: a passkey made for
 * http://localhost:3000 works there and nowhere else, so the console must be reached by the host
 * name in PASSERELLE_PUBLIC_URL (a passkey needs a host name, not an IP address).
 */
@Injectable()
export class RelyingParty {
  readonly origin: string;
  readonly id: string;
  readonly name = 'Passerelle';

  constructor(@Inject(APP_CONFIG) settings: RuntimeSettings) {
    this.origin = settings.publicUrl ?? 'http://localhost:3000';
    this.id = new URL(this.origin).hostname;
  }
}
