export * from './door.types';
export * from './door.service';
export * from './door.guard';
export * from './door.module';
