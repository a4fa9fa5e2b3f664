export * from './lamport-clock';
export * from './node-identity';
export * from './cluster.module';
