// Nest-free contracts shared across libs and with the command-line client (apps/cli), which must
// not load Nest: the servers-file format, the rules of reservation names, the database status of
// GET /api/cluster. Nothing here imports beyond Node.
export * from './servers-file';
export * from './reservation-name';
export * from './database-status';
