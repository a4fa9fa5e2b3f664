export * from './job.types';
export * from './job-registry';
export * from './job-queue';
export * from './in-process-job-queue';
export * from './bull-job-queue';
export * from './jobs.module';
