import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandContext } from '@passerelle/command-handling';
import type { ContextualRequest } from '@passerelle/http';
import { randomUUID } from 'node:crypto';

export type { CommandContext } from '@passerelle/command-handling';

/** The calling actor plus the request's clock, correlation id and id seed, as a plain value for a command. */
export const Context = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<ContextualRequest>();
  if (!request.actor) throw new Error('Context used on a public route');
  const { actor } = request;
  const context = request.context;
  return {
    actor: {
      organisationId: actor.organisationId,
      organisationKind: actor.organisationKind,
      role: actor.role,
      keyId: actor.keyId,
      personId: actor.personId ?? null,
    },
    now: context?.now ?? new Date(),
    correlationId: context?.correlationId ?? randomUUID(),
    idSeed: context?.idSeed ?? randomUUID(),
  };
});
