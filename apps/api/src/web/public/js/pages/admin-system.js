// Admin: the System Monitor. Follows GET /api/cluster/stream (Server-Sent Events: the cluster,
// this node's clock offset and its cluster locks, every second) and shows it in six tabs; starts
// a Bully or a Ring election on request.
import { adminApi, adminGate } from '../admin.js';
import { byId, h, replace, say } from '../dom.js';

const TABS = ['health', 'clocks', 'election', 'mutex', 'replication', 'balancing', 'waiting'];
const el = Object.fromEntries(
  [
    'cluster-summary',
    'nodes',
    'clocks',
    'clocks-round',
    'election-summary',
    'election-bully',
    'election-ring',
    'status',
    'elections',
    'locks',
    'locks-empty',
    'replication-summary',
    'databases',
    'failovers',
    'balancing',
    'waiting-summary',
    'waiting-rooms',
  ].map((id) => [id, byId(id)]),
);
let stream;
let waitingTimer = 0;

const gate = adminGate(() => {
  if (!waitingTimer) {
    refreshWaitingRooms();
    waitingTimer = setInterval(refreshWaitingRooms, 2_000);
  }
  if (stream) return;
  stream = new EventSource('/api/cluster/stream');
  stream.addEventListener('status', (event) => render(JSON.parse(event.data)));
  stream.addEventListener('error', () => {
    el['cluster-summary'].textContent = 'The node does not answer; retrying…';
  });
});

/** "0.4 s ago", "12 s ago", "3 min ago", or "never". */
function ago(iso, now) {
  if (!iso) return 'never';
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 10) return `${seconds.toFixed(1)} s ago`;
  if (seconds < 120) return `${Math.round(seconds)} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

const badge = (ok, yes, no) =>
  h('span', { class: `badge ${ok ? 'badge--confirmed' : 'badge--cancelled'}` }, ok ? yes : no);
const ms = (value) => (typeof value === 'number' ? `${value > 0 ? '+' : ''}${Math.round(value)} ms` : '—');
const vector = (value) =>
  value
    ? `[${Object.entries(value)
        .map(([key, count]) => `${key}:${count}`)
        .join(' ')}]`
    : '—';

function render({ cluster, clocks, mutex }) {
  const now = Date.now();
  const leader = cluster.leader === null ? 'no leader yet' : `leader node ${cluster.leader}`;
  const phase = cluster.phase === 'idle' ? '' : ` · ${cluster.phase.replace('-', ' ')}`;
  el['cluster-summary'].textContent = `${leader} · term ${cluster.term}${phase} · answered by node ${cluster.nodeId}`;

  replace(
    el.nodes,
    cluster.nodes.map((node) =>
      h(
        'tr',
        { dataset: { node: String(node.id), up: String(node.up) } },
        h('th', { scope: 'row' }, `Node ${node.id}`, node.self ? h('span', { class: 'hint' }, ' (this page)') : null),
        h('td', {}, `${node.host}:${node.port}`),
        h(
          'td',
          {},
          badge(node.up, 'up', 'suspected'),
          node.leader ? h('span', { class: 'badge badge--active badge--manual' }, 'leader') : null,
        ),
        h('td', {}, node.self ? 'this node' : ago(node.lastHeartbeatAt, now)),
        h('td', {}, node.requestsServed ?? '—'),
        h('td', {}, node.failureTimeoutMs ? `${(node.failureTimeoutMs / 1000).toFixed(1)} s` : '—'),
      ),
    ),
  );

  const readings = new Map((clocks.lastRound?.readings ?? []).map((reading) => [reading.node, reading]));
  replace(
    el.clocks,
    cluster.nodes.map((node) => {
      const reading = readings.get(node.id);
      const flagged = reading && Math.abs(reading.offsetMs) > clocks.maxOffsetMs;
      return h(
        'tr',
        { dataset: { node: String(node.id) } },
        h('th', { scope: 'row' }, `Node ${node.id}`),
        h('td', {}, node.lamport ?? '—'),
        h('td', { class: 'mono' }, vector(node.vector)),
        h(
          'td',
          {},
          reading ? ms(reading.offsetMs) : '—',
          flagged ? h('span', { class: 'badge badge--cancelled' }, ` over ${clocks.maxOffsetMs} ms`) : null,
          reading?.excluded ? h('span', { class: 'hint' }, ' (outlier: left out of the average)') : null,
        ),
        h('td', {}, reading ? ms(reading.correctionMs) : '—'),
        h('td', {}, reading ? `${reading.rttMs} ms` : '—'),
      );
    }),
  );
  el['clocks-round'].textContent = clocks.lastRound
    ? `Last Berkeley round by node ${clocks.lastRound.leader}, ${ago(clocks.lastRound.at, now)}.`
    : 'No Berkeley round yet (the leader runs one every CLOCK_SYNC_INTERVAL_MS).';

  el['election-summary'].textContent =
    `${leader} · term ${cluster.term} · this cluster runs ${cluster.algorithm === 'ring' ? 'Ring' : 'Bully'} elections${phase}`;
  replace(
    el.elections,
    cluster.elections.map((record) =>
      h(
        'tr',
        {},
        h('td', {}, ago(record.at, now)),
        h('td', {}, record.term),
        h('td', {}, record.leader === null ? '—' : `node ${record.leader}`),
        h('td', {}, record.algorithm === 'ring' ? 'Ring' : 'Bully'),
      ),
    ),
  );

  el['locks-empty'].hidden = mutex.length > 0;
  replace(
    el.locks,
    mutex.map((lock) =>
      h(
        'tr',
        { dataset: { lock: lock.resource } },
        h('th', { scope: 'row', class: 'mono' }, lock.resource),
        h('td', {}, lock.head === null ? '—' : `node ${lock.head}${lock.heldHere ? ' (this node, inside)' : ''}`),
        h('td', { class: 'mono' }, lock.queue.map((request) => `${request.ts}.${request.node}`).join(' → ')),
      ),
    ),
  );

  const databases = cluster.databases ?? [];
  el['replication-summary'].textContent = databases.length
    ? `Epoch ${cluster.epoch}: ${databases.length} database server(s).`
    : 'One database server, no replication configured (DATABASE_REPLICA_URLS).';
  replace(
    el.databases,
    databases.map((db) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${db.host ?? '?'}:${db.port ?? '?'}`),
        h('td', {}, db.role ?? '—'),
        h('td', {}, typeof db.lagMs === 'number' ? `${db.lagMs} ms` : '—'),
        h('td', { class: 'mono' }, db.gtid ?? '—'),
      ),
    ),
  );
  replace(
    el.failovers,
    (cluster.failovers ?? []).map((failover) =>
      h(
        'tr',
        {},
        h('td', {}, failover.finishedAt ? ago(failover.finishedAt, now) : '—'),
        h('td', {}, failover.epoch ?? '—'),
        h('td', {}, `${failover.newPrimary ?? '—'}${failover.durationMs ? ` (${failover.durationMs} ms)` : ''}`),
      ),
    ),
  );

  const served = cluster.nodes.map((node) => node.requestsServed ?? 0);
  const total = served.reduce((sum, count) => sum + count, 0) || 1;
  replace(
    el.balancing,
    cluster.nodes.map((node, index) =>
      h(
        'li',
        { dataset: { node: String(node.id) } },
        h('span', { class: 'bars__label' }, `Node ${node.id}`),
        h(
          'span',
          { class: 'bars__bar', style: { '--share': `${((served[index] / total) * 100).toFixed(1)}%` } },
          h('span', { class: 'bars__fill' }),
        ),
        h('span', { class: 'bars__value' }, `${served[index]} (${Math.round((served[index] / total) * 100)}%)`),
      ),
    ),
  );
}

/** Tabs (WAI-ARIA tabs pattern): click or arrow keys move between them. */
function select(name, focus = false) {
  for (const tab of TABS) {
    const button = byId(`tab-${tab}`);
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${tab}`).hidden = !selected;
    if (selected && focus) button.focus();
  }
}
for (const [index, tab] of TABS.entries()) {
  const button = byId(`tab-${tab}`);
  button.addEventListener('click', () => select(tab));
  button.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step) select(TABS[(index + step + TABS.length) % TABS.length], true);
  });
}

async function elect(algorithm, button) {
  button.disabled = true;
  try {
    await adminApi(gate, `/cluster/election?algorithm=${algorithm}`, { method: 'POST' });
    say(
      el.status,
      `${algorithm === 'ring' ? 'Ring' : 'Bully'} election started: the new term and its leader show below within a few seconds.`,
      'success',
    );
  } catch (error) {
    say(el.status, `The election could not be started: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}
el['election-bully'].addEventListener('click', () => elect('bully', el['election-bully']));
el['election-ring'].addEventListener('click', () => elect('ring', el['election-ring']));

/** The waiting rooms' totals (GET /api/admin/waiting-room): queue length, arrivals and admissions per minute, average wait. */
async function refreshWaitingRooms() {
  let rooms;
  try {
    rooms = await adminApi(gate, '/admin/waiting-room');
  } catch (error) {
    el['waiting-summary'].textContent = error.message;
    return;
  }
  el['waiting-summary'].textContent = rooms.length
    ? `${rooms.length} show(s) sell through the waiting room.`
    : 'No show sells through the waiting room (set one under /api/admin/shows/:id/queue).';
  replace(
    el['waiting-rooms'],
    rooms.map((room) =>
      h(
        'tr',
        { dataset: { show: String(room.showId) } },
        h('th', { scope: 'row' }, h('a', { href: `/shows/${room.showId}/queue` }, `Show ${room.showId}`)),
        h('td', {}, room.mode + (room.opened ? '' : ' (before on-sale)')),
        h('td', {}, room.waiting),
        h('td', {}, room.arrivalsLastMinute),
        h('td', {}, `${room.admissionsLastMinute} (${room.admissionRatePerMin})`),
        h('td', {}, room.averageWaitMs === null ? '—' : `${(room.averageWaitMs / 1000).toFixed(1)} s`),
      ),
    ),
  );
}
