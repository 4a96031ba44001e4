import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
/** A pino logger's level methods, called with an object first and anything after, as pino accepts. */
type LevelMethods = Record<Level, (line: object, ...rest: unknown[]) => void>;

/**
 * Nest's logger as JSON lines, written through the request logger's root pino logger
 * (observability.module.ts), so that a service has one pino instance and one stream. Each line
 * holds `context` (the last optional parameter, as Nest passes it), `message`, the level, and:
 * an Error as `err`; an object's fields merged into the line; for Nest's exception handlers'
 * `error(message, stack, context)`, an `err` carrying that stack.
 *
 * It never looks for the current request: no request binding, hence no AsyncLocalStorage, whose
 * async hooks would tax every promise of the API thread. A line that must name its request carries
 * the correlation id itself (libs/http/src/problem.filter.ts).
 */
export class JsonLogger implements LoggerService {
  private readonly out: LevelMethods;

  constructor(logger: Logger) {
    this.out = logger;
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    const line: Record<string, unknown> = {};
    let params = optionalParams;
    if (params.length > 0) {
      line.context = params[params.length - 1];
      params = params.slice(0, -1);
    }
    if (typeof message === 'object') {
      if (message instanceof Error) line.err = message;
      else Object.assign(line, message);
      this.out[level](line, ...params);
    } else if (level === 'error' && typeof message === 'string' && isStackAlone(params)) {
      // ExceptionsHandler and its kin call error(message, stack, context).
      const err = new Error(message);
      err.stack = params[0];
      line.err = err;
      this.out[level](line);
    } else {
      this.out[level](line, message, ...params);
    }
  }
}

/** The one parameter left after the context is a stack trace. */
function isStackAlone(params: unknown[]): params is [string] {
  return params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0]);
}
