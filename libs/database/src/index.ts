export * from './column-types';
export * from './database.options';
export * from './database.service';
export * from './driver-errors';
export * from './database.module';
export * from './migrator';
export * from './migrations';
