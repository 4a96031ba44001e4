import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { consoleSecurityHeaders } from './console-security-headers';
import { ServeConsoleController } from './serve-console/serve-console.http.controller';
import { WhoAmIHandler } from './who-am-i/who-am-i.handler';
import { WhoAmIController } from './who-am-i/who-am-i.http.controller';

/**
 * The web console at /console (built by Vite from apps/console) and the one API call it needs
 * besides the public ones. Its files are served by a plain controller, not through the QueryBus:
 * the same bytes for everyone, no data (a named exception, docs/adr/0005-one-api-style.md).
 */
@Module({ controllers: [ServeConsoleController, WhoAmIController], providers: [WhoAmIHandler] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(consoleSecurityHeaders()).forRoutes(ServeConsoleController);
  }
}
