import type { LoggerService } from '@nestjs/common';

/** Nest's start-up chatter: one line per module and per route mapped. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/**
 * Hands Nest's messages to the JSON logger, without the start-up chatter unless LOG_LEVEL is
 * debug or trace: a service's log should open with what it runs, not sixty "Mapped {…} route" lines.
 */
export class QuietFrameworkLogger implements LoggerService {
  constructor(
    private readonly inner: LoggerService,
    private readonly chatty: boolean,
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    if (!this.chatty && CHATTY_CONTEXTS.has(String(rest.at(-1)))) return;
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
