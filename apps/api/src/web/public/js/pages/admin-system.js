// Admin: the System Monitor. Polls GET /api/cluster every second (leader, term, each node's
// state, Lamport clock, last heartbeat, requests served) and starts an election on request.
import { api } from '../api.js';
import { adminApi, adminGate } from '../admin.js';
import { byId, h, replace, say } from '../dom.js';

const POLL_MS = 1_000;
const el = {
  summary: byId('cluster-summary'),
  nodes: byId('nodes'),
  election: byId('election'),
  status: byId('status'),
  databasesCard: byId('databases-card'),
  databases: byId('databases'),
};
let polling = false;

const gate = adminGate(() => {
  if (polling) return;
  polling = true;
  poll();
});

/** "0.4 s ago", "12 s ago", "3 min ago", or "never". */
function ago(iso, now) {
  if (!iso) return 'never';
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 10) return `${seconds.toFixed(1)} s ago`;
  if (seconds < 120) return `${Math.round(seconds)} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

function render(cluster) {
  const now = Date.now();
  const leader = cluster.leader === null ? 'no leader yet' : `leader node ${cluster.leader}`;
  const phase = cluster.phase === 'idle' ? '' : ` · ${cluster.phase.replace('-', ' ')}`;
  el.summary.textContent = `${leader} · term ${cluster.term}${phase} · answered by node ${cluster.nodeId}`;
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
          h('span', { class: `badge ${node.up ? 'badge--confirmed' : 'badge--cancelled'}` }, node.up ? 'up' : 'down'),
          node.leader ? h('span', { class: 'badge badge--active badge--manual' }, 'leader') : null,
        ),
        h('td', {}, node.lamport ?? '—'),
        h('td', {}, node.self ? 'this node' : ago(node.lastHeartbeatAt, now)),
        h('td', {}, node.requestsServed ?? '—'),
        h('td', {}, node.failureTimeoutMs ? `${(node.failureTimeoutMs / 1000).toFixed(1)} s` : '—'),
      ),
    ),
  );
  const databases = cluster.databases ?? [];
  el.databasesCard.hidden = databases.length === 0;
  replace(
    el.databases,
    databases.map((db) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${db.host ?? '?'}:${db.port ?? '?'}`),
        h('td', {}, db.role ?? '—'),
        h('td', {}, typeof db.lagMs === 'number' ? `${db.lagMs} ms` : '—'),
        h('td', {}, db.gtid ?? '—'),
      ),
    ),
  );
}

async function poll() {
  try {
    render(await api('/cluster'));
  } catch (error) {
    el.summary.textContent = `The node did not answer: ${error.message}`;
  }
  setTimeout(poll, POLL_MS);
}

el.election.addEventListener('click', async () => {
  el.election.disabled = true;
  try {
    await adminApi(gate, '/cluster/election', { method: 'POST' });
    say(el.status, 'Election started: the new term and its leader show above within a few seconds.', 'success');
  } catch (error) {
    say(el.status, `The election could not be started: ${error.message}`, 'error');
  } finally {
    el.election.disabled = false;
  }
});
