import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PasserelleMetrics } from './passerelle-metrics';
import { routeLabel } from './route-label';

/** Times every request, including those a guard or the validation pipe turns away, by route template. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(PasserelleMetrics) private readonly metrics: PasserelleMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    response.once('finish', () => {
      stop({ method: request.method, route: routeLabel(request), status: String(response.statusCode) });
    });
    next();
  }
}
