export * from './config.schema';
export * from './app-config';
export * from './config.module';
export * from './domain.error';
export * from './admin.guard';
export * from './parse-id.pipe';
export * from './admin-controller.decorator';
