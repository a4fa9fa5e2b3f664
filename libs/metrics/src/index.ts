export * from './metrics.registry';
export * from './http-metrics';
export * from './metrics.module';
