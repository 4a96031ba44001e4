import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { PasserelleMetrics } from './passerelle-metrics';

/** The result label of a command: `ok`, the error's code (DomainError, a conflict…), or `error`. */
export function resultOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_.]{1,64}$/.test(code) ? code : 'error';
}

/**
 * Counts every command the app's CommandBus executes, by command class and result. @nestjs/cqrs
 * has no hook around execute, so the bus instance's method is wrapped once at start; apps without
 * a CommandBus (projector, relay) are left alone.
 */
@Injectable()
export class CommandMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(PasserelleMetrics) private readonly metrics: PasserelleMetrics,
  ) {}

  onApplicationBootstrap(): void {
    let bus: CommandBus;
    try {
      bus = this.moduleRef.get(CommandBus, { strict: false });
    } catch {
      return;
    }
    const execute = bus.execute.bind(bus);
    const counter = this.metrics.commands;
    bus.execute = async <R>(command: ICommand): Promise<R> => {
      const name = command.constructor.name;
      try {
        const result = (await execute(command)) as R;
        counter.inc({ command: name, result: 'ok' });
        return result;
      } catch (error) {
        counter.inc({ command: name, result: resultOf(error) });
        throw error;
      }
    };
  }
}
