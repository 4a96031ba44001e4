import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@passerelle/auth';

/**
 * Liveness: the process answers, nothing more. Unlike /health (readiness), it never asks the
 * database or the event store, so an orchestrator does not restart every replica while a
 * dependency is down: it only takes them out of service until /health is green again.
 */
@ApiExcludeController()
@Controller('health/live')
export class LivenessController {
  @Get()
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
