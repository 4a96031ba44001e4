import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, CommandMetadata } from '@passerelle/domain';
import { randomIds, type ContextualRequest, type IdSource } from '@passerelle/platform';

/** Everything a command needs that the domain must not produce itself: who, when, which new ids. */
export interface CommandContext {
  actor: Actor;
  now: Date;
  correlationId: string;
  ids: IdSource;
}

export const metadataOf = (context: CommandContext): CommandMetadata => ({ now: context.now, actor: context.actor });

/** The calling actor plus the request's clock, correlation id and (idempotent) id source. */
export const Context = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<ContextualRequest>();
  if (!request.actor) throw new Error('Context used on a public route');
  const context = request.context ?? { correlationId: 'none', ids: randomIds(), now: new Date() };
  return { actor: request.actor, now: context.now, correlationId: context.correlationId, ids: context.ids };
});
