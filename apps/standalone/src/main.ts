import 'reflect-metadata';
import { bootstrapStandalone } from './bootstrap';

bootstrapStandalone(process.env).catch((error: unknown) => {
  // One line, never a stack: configuration and start-up errors explain themselves.
  console.error(`passerelle: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
