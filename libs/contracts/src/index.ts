// Nest-free contracts shared by the server libs and the command-line client (apps/cli), which
// must not load Nest: the servers-file format and the rules of reservation names. Nothing here
// imports beyond Node.
export * from './servers-file';
export * from './reservation-name';
