import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { consoleSecurityHeaders } from './console-security-headers';
import { ServeConsoleController } from './serve-console/serve-console.http.controller';
import { WhoAmIController } from './who-am-i/who-am-i.http.controller';

/** The web console at /console (built by Vite from apps/console) and the one API call it needs besides the public ones. */
@Module({ controllers: [ServeConsoleController, WhoAmIController] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(consoleSecurityHeaders()).forRoutes(ServeConsoleController);
  }
}
