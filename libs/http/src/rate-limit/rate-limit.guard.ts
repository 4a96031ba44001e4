import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { problem } from '../problem';
import { ProblemException } from '../problem.filter';

/**
 * @nestjs/throttler's guard, answering like the rest of the API: 429 problem+json with a plain
 * `Retry-After` (seconds), whichever limit was reached.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException(
      problem(
        429,
        'REQUEST.RATE_LIMITED',
        'Too many requests',
        'Too many requests from this API key or this address; retry after the number of seconds in Retry-After.',
        { retryAfter },
      ),
    );
  }
}
