import { SqlLink } from '@app/database';
import { byPromotionOrder, receivedPosition, relayLogApplied, serverStatus, ServerState } from './server-probe';

/** A probed replica of 127.0.0.1:3307 with `overrides`. */
function replica(
  serverId: number,
  overrides: Partial<ServerState> & { received?: string; io?: string; sql?: string } = {},
): ServerState {
  const { received = overrides.gtidCurrent ?? '0-1-10', io = 'Yes', sql = 'Yes', ...rest } = overrides;
  const server = { host: '127.0.0.1', port: 3307 + serverId - 1 };
  return {
    server,
    link: new SqlLink(server, { user: 'root', password: '' }),
    up: true,
    serverId,
    readOnly: true,
    gtidCurrent: '0-1-10',
    gtidBinlog: '0-1-10',
    gtidApplied: '0-1-10',
    replica: {
      master: { host: '127.0.0.1', port: 3307 },
      ioThread: io,
      sqlThread: sql,
      received,
      secondsBehindMaster: 0,
      lastError: null,
      readPosition: 'binlog.000001:100',
      execPosition: 'binlog.000001:100',
    },
    semiSync: { master: false, masterClients: 0, replica: true },
    meta: null,
    nowMs: 1_000_000,
    ...rest,
  };
}

const order = (...states: ServerState[]) => [...states].sort(byPromotionOrder).map((state) => state.serverId);

describe('choosing the replica to promote', () => {
  it('prefers the most received, even when it has applied less', () => {
    const appliedMore = replica(2, { gtidCurrent: '0-1-12', received: '0-1-12' });
    const receivedMore = replica(3, { gtidCurrent: '0-1-9', received: '0-1-14', sql: 'No', io: 'Connecting' });
    expect(order(appliedMore, receivedMore)).toEqual([3, 2]);
  });

  it('then the most applied, then the lowest server id', () => {
    expect(
      order(
        replica(3, { gtidCurrent: '0-1-12', received: '0-1-14' }),
        replica(2, { gtidCurrent: '0-1-11', received: '0-1-14' }),
      ),
    ).toEqual([3, 2]);
    expect(order(replica(3), replica(2))).toEqual([2, 3]);
  });

  it('does not count a relay log that cannot be applied (both threads stopped: MariaDB would discard it)', () => {
    const stranded = replica(2, { gtidCurrent: '0-1-9', received: '0-1-20', io: 'No', sql: 'No' });
    expect(receivedPosition(stranded).get(0)?.seq).toBe(9);
    expect(order(stranded, replica(3, { gtidCurrent: '0-1-10' }))).toEqual([3, 2]);
    expect(relayLogApplied(stranded)).toBe(true);
  });

  it('knows when the relay log is applied', () => {
    expect(relayLogApplied(replica(2, { replica: null }))).toBe(true);
    const behind = replica(2, { gtidCurrent: '0-1-9', received: '0-1-14', io: 'Connecting' });
    behind.replica!.execPosition = 'binlog.000001:90';
    expect(relayLogApplied(behind)).toBe(false);
    expect(relayLogApplied(replica(2, { gtidCurrent: '0-1-14', received: '0-1-14' }))).toBe(true);
  });
});

describe('a server as the status shows it', () => {
  const primary = { host: '127.0.0.1', port: 3307 };

  it('measures the lag of a replica from its copy of the heartbeat, against the primary', () => {
    const primaryState = replica(1, {
      replica: null,
      readOnly: false,
      gtidCurrent: '0-1-20',
      gtidBinlog: '0-1-20',
      meta: { epoch: 0, primary: null, heartbeatAt: 999_800 },
    });
    const lagging = replica(2, { gtidCurrent: '0-1-15', meta: { epoch: 0, primary: null, heartbeatAt: 997_000 } });
    expect(serverStatus(primaryState, primary, primaryState)).toMatchObject({
      role: 'primary',
      lagMs: 0,
      transactionsBehind: 0,
    });
    expect(serverStatus(lagging, primary, primaryState)).toMatchObject({
      role: 'replica',
      lagMs: 2_800,
      transactionsBehind: 5,
      replicatingFrom: '127.0.0.1:3307',
    });
  });

  it('tells fenced, stale-primary and down servers apart', () => {
    expect(serverStatus(replica(2, { replica: null }), primary, undefined).role).toBe('fenced');
    expect(serverStatus(replica(2, { replica: null, readOnly: false }), primary, undefined).role).toBe('stale-primary');
    expect(serverStatus(replica(2, { up: false, error: 'connect ECONNREFUSED' }), primary, undefined)).toMatchObject({
      role: 'down',
      error: 'connect ECONNREFUSED',
      gtid: null,
    });
  });
});
