import { InitialSchema1795238987470 as MysqlInitialSchema } from './mysql/1795238987470-InitialSchema';
import { InitialSchema1795238989476 as SqliteInitialSchema } from './sqlite/1795238989476-InitialSchema';
import { ReplicationEpoch1795240939176 as MysqlReplicationEpoch } from './mysql/1795240939176-ReplicationEpoch';
import { ReplicationEpoch1795240944820 as SqliteReplicationEpoch } from './sqlite/1795240944820-ReplicationEpoch';
import { HoldCaps1796159871562 as MysqlHoldCaps } from './mysql/1796159871562-HoldCaps';
import { HoldCaps1796159914243 as SqliteHoldCaps } from './sqlite/1796159914243-HoldCaps';
import { VectorClocks1796171822266 as MysqlVectorClocks } from './mysql/1796171822266-VectorClocks';
import { VectorClocks1796171822301 as SqliteVectorClocks } from './sqlite/1796171822301-VectorClocks';
import { ShowtimesImport1796158361629 as MysqlShowtimesImport } from './mysql/1796158361629-ShowtimesImport';
import { ShowtimesImport1796158423924 as SqliteShowtimesImport } from './sqlite/1796158423924-ShowtimesImport';
import { SeatLayoutVersions1796172168402 as MysqlSeatLayoutVersions } from './mysql/1796172168402-SeatLayoutVersions';
import { SeatLayoutVersions1796172178653 as SqliteSeatLayoutVersions } from './sqlite/1796172178653-SeatLayoutVersions';
import { TicketAdmission1796188654912 as MysqlTicketAdmission } from './mysql/1796188654912-TicketAdmission';
import { TicketAdmission1796188654972 as SqliteTicketAdmission } from './sqlite/1796188654972-TicketAdmission';
import { TicketTypes1796188725668 as MysqlTicketTypes } from './mysql/1796188725668-TicketTypes';
import { TicketTypes1796188734489 as SqliteTicketTypes } from './sqlite/1796188734489-TicketTypes';
import { WaitingRoom1796189266507 as MysqlWaitingRoom } from './mysql/1796189266507-WaitingRoom';
import { WaitingRoom1796189266540 as SqliteWaitingRoom } from './sqlite/1796189266540-WaitingRoom';

// Migrations are generated from the entities per driver (`npm run migration:generate -- Name`),
// reviewed, and never rewritten once committed. Listed explicitly: bundles cannot glob.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MYSQL_MIGRATIONS: Function[] = [
  MysqlInitialSchema,
  MysqlReplicationEpoch,
  MysqlShowtimesImport,
  MysqlHoldCaps,
  MysqlVectorClocks,
  MysqlSeatLayoutVersions,
  MysqlTicketAdmission,
  MysqlTicketTypes,
  MysqlWaitingRoom,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [
  SqliteInitialSchema,
  SqliteReplicationEpoch,
  SqliteShowtimesImport,
  SqliteHoldCaps,
  SqliteVectorClocks,
  SqliteSeatLayoutVersions,
  SqliteTicketAdmission,
  SqliteTicketTypes,
  SqliteWaitingRoom,
];
