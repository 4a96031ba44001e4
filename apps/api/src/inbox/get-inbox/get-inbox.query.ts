import type { Actor } from '@passerelle/domain';
import type { GetInboxRequest } from './get-inbox.request.dto';

export class GetInboxQuery {
  constructor(readonly request: GetInboxRequest, readonly actor: Actor, readonly now: Date) {}
}
