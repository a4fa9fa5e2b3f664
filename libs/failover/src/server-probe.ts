import { RowDataPacket } from 'mysql2/promise';
import type { DatabaseServerStatus } from '@app/contracts';
import { ClusterMetaRow, readClusterMeta, sameServer, ServerAddress, serverKey, SqlLink } from '@app/database';
import { compareGtidPositions, GtidPosition, gtidContains, maxGtidPosition, parseGtidPosition } from './gtid';

/** What SHOW SLAVE STATUS says, for a server that has a master configured. */
export interface ReplicaState {
  master: ServerAddress;
  ioThread: string;
  sqlThread: string;
  /** Gtid_IO_Pos: received into the relay log. */
  received: string;
  secondsBehindMaster: number | null;
  lastError: string | null;
  /** Binlog coordinates read from the master vs executed: equal when the relay log is applied. */
  readPosition: string;
  execPosition: string;
}

/** One probe of one server over the admin link. */
export interface ServerState {
  server: ServerAddress;
  link: SqlLink;
  up: boolean;
  error?: string;
  serverId: number;
  readOnly: boolean;
  gtidCurrent: string;
  gtidBinlog: string;
  gtidApplied: string;
  replica: ReplicaState | null;
  semiSync: { master: boolean; masterClients: number; replica: boolean };
  /** The `cluster_meta` row this server holds, if any. */
  meta: ClusterMetaRow | null;
  /** The server's clock (epoch ms) at the probe. */
  nowMs: number;
}

/** Statement ceiling for probes (ms): a server slower than this counts as not answering. */
export const PROBE_TIMEOUT_MS = 2_000;

/** Probes one server: variables, replication state, semi-sync, and its `cluster_meta` row. Never throws. */
export async function probeServer(link: SqlLink, database: string): Promise<ServerState> {
  const down = (error: unknown): ServerState => ({
    server: link.server,
    link,
    up: false,
    error: error instanceof Error ? error.message : String(error),
    serverId: 0,
    readOnly: true,
    gtidCurrent: '',
    gtidBinlog: '',
    gtidApplied: '',
    replica: null,
    semiSync: { master: false, masterClients: 0, replica: false },
    meta: null,
    nowMs: 0,
  });
  try {
    const [variables] = await link.query<RowDataPacket[]>(
      `SELECT @@server_id AS serverId, @@global.read_only AS readOnly, @@global.gtid_current_pos AS current,
        @@global.gtid_binlog_pos AS binlog, @@global.gtid_slave_pos AS applied,
        @@global.rpl_semi_sync_master_enabled AS semiMaster, @@global.rpl_semi_sync_slave_enabled AS semiReplica,
        ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) AS nowMs`,
      [],
      PROBE_TIMEOUT_MS,
    );
    const [slave] = await link.query<RowDataPacket[]>('SHOW SLAVE STATUS', [], PROBE_TIMEOUT_MS);
    const [clients] = await link.query<RowDataPacket[]>(
      "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients'",
      [],
      PROBE_TIMEOUT_MS,
    );
    return {
      server: link.server,
      link,
      up: true,
      serverId: Number(variables.serverId),
      readOnly: Number(variables.readOnly) === 1,
      gtidCurrent: String(variables.current ?? ''),
      gtidBinlog: String(variables.binlog ?? ''),
      gtidApplied: String(variables.applied ?? ''),
      replica: slave ? replicaState(slave) : null,
      semiSync: {
        master: Number(variables.semiMaster) === 1,
        masterClients: Number(clients?.Value ?? 0),
        replica: Number(variables.semiReplica) === 1,
      },
      meta: await readClusterMeta(link, database, PROBE_TIMEOUT_MS),
      nowMs: Number(variables.nowMs),
    };
  } catch (error) {
    return down(error);
  }
}

function replicaState(row: RowDataPacket): ReplicaState {
  const behind = row.Seconds_Behind_Master;
  const error = [row.Last_IO_Error, row.Last_SQL_Error].filter((text) => typeof text === 'string' && text).join('; ');
  return {
    master: { host: String(row.Master_Host), port: Number(row.Master_Port) },
    ioThread: String(row.Slave_IO_Running),
    sqlThread: String(row.Slave_SQL_Running),
    received: String(row.Gtid_IO_Pos ?? ''),
    secondsBehindMaster: behind === null || behind === undefined ? null : Number(behind),
    lastError: error || null,
    readPosition: `${row.Master_Log_File}:${row.Read_Master_Log_Pos}`,
    execPosition: `${row.Relay_Master_Log_File}:${row.Exec_Master_Log_Pos}`,
  };
}

/**
 * True when the relay log can still be applied: the SQL thread runs, or the IO thread does (even
 * while it only tries to reconnect). With both stopped, MariaDB in GTID mode discards the relay
 * log at the next START SLAVE and fetches again from gtid_slave_pos — from a dead primary, never.
 */
export function relayLogUsable(state: ServerState): boolean {
  return !!state.replica && (state.replica.sqlThread === 'Yes' || state.replica.ioThread !== 'No');
}

/** What a server has received and can apply: Gtid_IO_Pos (if its relay log is usable) or what it applied/wrote, whichever is further. */
export function receivedPosition(state: ServerState): GtidPosition {
  const own = parseGtidPosition(state.gtidCurrent);
  return relayLogUsable(state) ? maxGtidPosition(parseGtidPosition(state.replica!.received), own) : own;
}

/** What a server has applied or written. */
export function appliedPosition(state: ServerState): GtidPosition {
  return parseGtidPosition(state.gtidCurrent);
}

/**
 * Orders promotion candidates, best first: the most advanced received GTID position, then applied,
 * then the lowest server id (so every leader picks the same one from the same state).
 */
export function byPromotionOrder(a: ServerState, b: ServerState): number {
  return (
    compareGtidPositions(receivedPosition(b), receivedPosition(a)) ||
    compareGtidPositions(appliedPosition(b), appliedPosition(a)) ||
    a.serverId - b.serverId
  );
}

/** True when the replica's SQL thread has applied everything its IO thread received (or the relay log is unusable). */
export function relayLogApplied(state: ServerState): boolean {
  if (!relayLogUsable(state)) return true;
  const replica = state.replica!;
  return (
    gtidContains(parseGtidPosition(state.gtidCurrent), parseGtidPosition(replica.received)) ||
    replica.readPosition === replica.execPosition
  );
}

/** The status GET /api/cluster shows for `state`, given the epoch's primary (and its probe). */
export function serverStatus(
  state: ServerState,
  primary: ServerAddress | null,
  primaryState: ServerState | undefined,
): DatabaseServerStatus {
  const base = { host: state.server.host, port: state.server.port };
  if (!state.up) {
    return {
      ...base,
      serverId: null,
      role: 'down',
      readOnly: null,
      lagMs: null,
      secondsBehindMaster: null,
      transactionsBehind: null,
      gtid: null,
      gtidReceived: null,
      gtidApplied: null,
      replicatingFrom: null,
      ioThread: null,
      sqlThread: null,
      lastError: null,
      semiSync: null,
      epoch: null,
      error: state.error,
    };
  }
  const isPrimary = sameServer(state.server, primary);
  const role = state.replica
    ? 'replica'
    : isPrimary && !state.readOnly
      ? 'primary'
      : state.readOnly
        ? 'fenced'
        : 'stale-primary';
  return {
    ...base,
    serverId: state.serverId,
    role,
    readOnly: state.readOnly,
    lagMs: role === 'primary' ? 0 : lagMs(state, primaryState),
    secondsBehindMaster: state.replica?.secondsBehindMaster ?? null,
    transactionsBehind: transactionsBehind(state, primaryState),
    gtid: state.gtidCurrent || null,
    gtidReceived: state.replica?.received || null,
    gtidApplied: state.gtidApplied || null,
    replicatingFrom: state.replica ? serverKey(state.replica.master) : null,
    ioThread: state.replica?.ioThread ?? null,
    sqlThread: state.replica?.sqlThread ?? null,
    lastError: state.replica?.lastError ?? null,
    semiSync: state.semiSync,
    epoch: state.meta?.epoch ?? null,
  };
}

/**
 * Lag from the heartbeat: how much older the replica's copy of the heartbeat is than the primary's
 * own (each server's age measured on its own clock); with the primary down, the copy's age. At
 * least Seconds_Behind_Master.
 */
function lagMs(state: ServerState, primaryState: ServerState | undefined): number | null {
  const fromSeconds =
    state.replica?.secondsBehindMaster === null || state.replica?.secondsBehindMaster === undefined
      ? null
      : state.replica.secondsBehindMaster * 1000;
  const beat = state.meta?.heartbeatAt;
  if (beat === null || beat === undefined) return fromSeconds;
  const age = state.nowMs - beat;
  const primaryBeat = primaryState?.up ? primaryState.meta?.heartbeatAt : undefined;
  const heartbeatLag =
    primaryBeat === null || primaryBeat === undefined ? age : Math.max(0, age - (primaryState!.nowMs - primaryBeat));
  return Math.max(heartbeatLag, fromSeconds ?? 0);
}

function transactionsBehind(state: ServerState, primaryState: ServerState | undefined): number | null {
  if (!primaryState?.up) return null;
  const primarySeq = parseGtidPosition(primaryState.gtidBinlog).get(0)?.seq ?? 0;
  const ownSeq = parseGtidPosition(state.gtidCurrent).get(0)?.seq ?? 0;
  return Math.max(0, primarySeq - ownSeq);
}
