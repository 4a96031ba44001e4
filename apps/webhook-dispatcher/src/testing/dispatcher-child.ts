import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { webhookDispatcherResources } from '../webhook-dispatcher.infrastructure';
import { WebhookDispatcherModule } from '../webhook-dispatcher.module';

/**
 * Test-only child process: the dispatcher alone on the database in PASSERELLE_TEST_SETTINGS (JSON
 * RuntimeSettings), so that a reliability test can kill it with SIGKILL mid-batch and start another.
 */
@Module({})
class DispatcherProcessModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: DispatcherProcessModule,
      imports: [InfrastructureModule.forRoot(webhookDispatcherResources(settings)), WebhookDispatcherModule],
    };
  }
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.PASSERELLE_TEST_SETTINGS ?? '{}') as RuntimeSettings;
  const app = await NestFactory.createApplicationContext(DispatcherProcessModule.forRoot(settings), { logger: ['error', 'fatal'] });
  await app.init();
  process.stdout.write('dispatcher ready\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
