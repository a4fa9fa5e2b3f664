export * from './lamport-clock';
export * from './node-identity';
export * from './cluster.module';
export * from './servers-file';
