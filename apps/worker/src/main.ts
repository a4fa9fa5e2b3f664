import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useConfiguredLogger } from '@app/common';
import { JobRegistry } from '@app/jobs';
import { WorkerModule } from './worker.module';

/** Starts the BullMQ worker; refuses to run while any job name lacks a handler. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  useConfiguredLogger(app);
  const missing = app.get(JobRegistry).missing();
  if (missing.length) throw new Error(`no handler registered for job(s): ${missing.join(', ')}`);
  app.enableShutdownHooks();
  new Logger('Worker').log('worker is processing jobs');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
