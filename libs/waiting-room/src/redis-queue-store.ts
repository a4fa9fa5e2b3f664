import { randomInt } from 'node:crypto';
import Redis from 'ioredis';
import { Place, PlaceState, QueueSettings, QueueSnapshot, QueueStore } from './queue-store';

/**
 * Shared Lua: the Redis clock (TIME, one clock for every node), the place of a member, and the
 * pre-queue draw. Keys of a show (one hash tag, so a Redis Cluster keeps them on one slot):
 * q (zset member → line score), pre (set: arrived before the on-sale moment), who (hash
 * `v:<visitor>`/`e:<email>` → member, `m:<member>` → e-mail), adm (zset member → admitted at ms),
 * st (hash: opened, seq, last, credit, waitsum, waitn), arr (zset visitor → last arrival ms),
 * t (hash member → arrived at ms).
 */
const PRELUDE = `
local q, pre, who, adm, st, arr, t = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local onsale, seed, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function open_if_due()
  if redis.call('HGET', st, 'opened') == '1' or onsale > now then return end
  local members = redis.call('SMEMBERS', pre)
  table.sort(members)
  math.randomseed(seed)
  for i = #members, 2, -1 do
    local j = math.random(i)
    members[i], members[j] = members[j], members[i]
  end
  for i, m in ipairs(members) do redis.call('ZADD', q, i - #members - 1, m) end
  redis.call('DEL', pre)
  redis.call('HSET', st, 'opened', '1', 'last', now, 'credit', 0)
end
local function place(m)
  local email = redis.call('HGET', who, 'm:' .. m) or ''
  local at = redis.call('ZSCORE', adm, m)
  if at then
    if tonumber(at) + window <= now then return {'expired', '', email, at} end
    return {'admitted', '', email, at}
  end
  local rank = redis.call('ZRANK', q, m)
  if rank then return {'waiting', tostring(rank + 1), email, ''} end
  if redis.call('SISMEMBER', pre, m) == 1 then return {'early', '', email, ''} end
  return false
end
local function enqueue(m)
  redis.call('HSET', t, m, now)
  if redis.call('HGET', st, 'opened') == '1' then
    redis.call('ZADD', q, redis.call('HINCRBY', st, 'seq', 1), m)
  else
    redis.call('SADD', pre, m)
  end
end
open_if_due()
`;

/** ARGV 4, 5: visitor, email. */
const JOIN = `${PRELUDE}
local visitor, email = ARGV[4], ARGV[5]
local m = redis.call('HGET', who, 'v:' .. visitor) or redis.call('HGET', who, 'e:' .. email)
if not m then
  m = visitor
  redis.call('HSET', who, 'e:' .. email, m, 'm:' .. m, email)
  enqueue(m)
else
  local p = place(m)
  if p and p[1] == 'expired' then
    redis.call('ZREM', adm, m)
    enqueue(m)
  end
end
redis.call('HSET', who, 'v:' .. visitor, m)
redis.call('ZADD', arr, now, visitor)
return place(m)
`;

/** ARGV 4, 5: visitor ('' for none), visit ('1' counts an arrival). */
const PLACE = `${PRELUDE}
local visitor = ARGV[4]
if visitor == '' then return false end
if ARGV[5] == '1' then redis.call('ZADD', arr, now, visitor) end
local m = redis.call('HGET', who, 'v:' .. visitor)
if not m then return false end
return place(m)
`;

/** ARGV 4: admissions per minute. Returns how many were admitted. */
const TICK = `${PRELUDE}
redis.call('ZREMRANGEBYSCORE', arr, '-inf', now - 60000)
if redis.call('HGET', st, 'opened') ~= '1' then return 0 end
local rate = tonumber(ARGV[4])
local last = tonumber(redis.call('HGET', st, 'last') or now)
local total = tonumber(redis.call('HGET', st, 'credit') or 0) + math.max(0, now - last) * rate / 60000
local due = math.floor(total)
local credit = total - due
local admitted = 0
if due > 0 then
  local popped = redis.call('ZPOPMIN', q, due)
  for i = 1, #popped, 2 do
    local m = popped[i]
    redis.call('ZADD', adm, now, m)
    redis.call('HINCRBY', st, 'waitsum', now - tonumber(redis.call('HGET', t, m) or now))
    redis.call('HINCRBY', st, 'waitn', 1)
    admitted = admitted + 1
  end
end
if redis.call('ZCARD', q) == 0 then credit = math.min(credit, 1) end
redis.call('HSET', st, 'last', now, 'credit', tostring(credit))
return admitted
`;

const SNAPSHOT = `${PRELUDE}
local since = now - 60000
local n = tonumber(redis.call('HGET', st, 'waitn') or 0)
return {
  redis.call('ZCARD', q) + redis.call('SCARD', pre),
  redis.call('HGET', st, 'opened') == '1' and 1 or 0,
  redis.call('ZCOUNT', arr, '(' .. since, '+inf'),
  redis.call('ZCOUNT', adm, '(' .. since, '+inf'),
  n > 0 and tostring(tonumber(redis.call('HGET', st, 'waitsum')) / n) or '',
  now
}
`;

type ScriptRunner = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

interface QueueRedis extends Redis {
  waitingRoomJoin: ScriptRunner;
  waitingRoomPlace: ScriptRunner;
  waitingRoomTick: ScriptRunner;
  waitingRoomSnapshot: ScriptRunner;
}

const KEY_NAMES = ['q', 'pre', 'who', 'adm', 'st', 'arr', 't'];

/**
 * The cluster's waiting room in Redis: every step is one Lua script (atomic, on Redis's clock), so
 * whichever node a customer reaches sees the same line, and admission at the rate happens once
 * cluster-wide however many nodes call {@link tick}. Persistence is Redis's: with AOF
 * (appendfsync everysec) a restart loses at most the last second of joins and admissions.
 */
export class RedisQueueStore extends QueueStore {
  private readonly redis: QueueRedis;

  constructor(url: string) {
    super();
    const redis = new Redis(url, { maxRetriesPerRequest: 2, connectionName: 'marquee-waiting-room' });
    redis.on('error', () => undefined); // commands fail on their own; the connection retries
    redis.defineCommand('waitingRoomJoin', { numberOfKeys: KEY_NAMES.length, lua: JOIN });
    redis.defineCommand('waitingRoomPlace', { numberOfKeys: KEY_NAMES.length, lua: PLACE });
    redis.defineCommand('waitingRoomTick', { numberOfKeys: KEY_NAMES.length, lua: TICK });
    redis.defineCommand('waitingRoomSnapshot', { numberOfKeys: KEY_NAMES.length, lua: SNAPSHOT });
    this.redis = redis as QueueRedis;
  }

  async join(settings: QueueSettings, visitorId: string, email: string): Promise<Place> {
    const reply = await this.redis.waitingRoomJoin(...this.args(settings), visitorId, email);
    return toPlace(reply)!;
  }

  async place(settings: QueueSettings, visitorId: string | undefined, visit: boolean): Promise<Place | null> {
    return toPlace(await this.redis.waitingRoomPlace(...this.args(settings), visitorId ?? '', visit ? '1' : '0'));
  }

  async tick(settings: QueueSettings): Promise<number> {
    return Number(await this.redis.waitingRoomTick(...this.args(settings), settings.admissionRatePerMin));
  }

  async snapshot(settings: QueueSettings): Promise<QueueSnapshot> {
    const [waiting, opened, arrivals, admissions, averageWait, now] = (await this.redis.waitingRoomSnapshot(
      ...this.args(settings),
    )) as [number, number, number, number, string, number];
    return {
      waiting,
      opened: opened === 1,
      arrivalsLastMinute: arrivals,
      admissionsLastMinute: admissions,
      averageWaitMs: averageWait === '' ? null : Number(averageWait),
      now,
    };
  }

  async clear(showId: number): Promise<void> {
    await this.redis.del(...keys(showId));
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private args(settings: QueueSettings): (string | number)[] {
    return [...keys(settings.showId), settings.onSaleAt ?? 0, randomInt(1, 2 ** 31 - 1), settings.pickWindowMs];
  }
}

function keys(showId: number): string[] {
  return KEY_NAMES.map((name) => `marquee:wr:{${showId}}:${name}`);
}

function toPlace(reply: unknown): Place | null {
  if (!Array.isArray(reply)) return null;
  const [state, position, email, admittedAt] = reply as string[];
  return {
    state: state as PlaceState,
    position: position ? Number(position) : null,
    email,
    admittedAt: admittedAt ? Number(admittedAt) : null,
  };
}
