// Admin: sales reports per show, day, film or theater: a chart (Chart.js, served from this node),
// the table and a CSV download (GET /api/admin/reports/sales, format=csv).
import { adminApi, adminGate } from '../admin.js';
import { adminToken } from '../admin-token.js';
import { byId, h, replace, say } from '../dom.js';
import { addDays, dayKey, money } from '../format.js';

const el = {
  status: byId('status'),
  form: byId('report-form'),
  groupBy: byId('group-by'),
  from: byId('report-from'),
  to: byId('report-to'),
  csv: byId('csv'),
  summary: byId('report-summary'),
  canvas: byId('report-chart'),
  head: byId('report-head'),
  rows: byId('report-rows'),
  totals: byId('report-totals'),
};
const COLOURS = ['#f5c518', '#5ac8fa', '#ff7a59', '#8bd17c', '#c38bff', '#ff5fa2', '#9aa5b1'];
let chart = null;

const today = dayKey(Date.now());
el.from.value = addDays(today, -30);
el.to.value = addDays(today, 30);

const gate = adminGate(() => load());

function query(format) {
  const params = new URLSearchParams({ groupBy: el.groupBy.value, from: el.from.value, to: el.to.value });
  if (format) params.set('format', format);
  return `/admin/reports/sales?${params}`;
}

function percent(share) {
  return `${(share * 100).toFixed(1)} %`;
}

async function load() {
  try {
    render(await adminApi(gate, query()));
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

function render(report) {
  const currency = report.currencyCode ?? 'EUR';
  const cash = (cents) => money(cents, currency);
  const types = report.ticketTypes;
  el.summary.textContent =
    `${report.totals.seatsSold} seats sold of ${report.totals.capacity} (${percent(report.totals.occupancy)}) in ` +
    `${report.totals.shows} shows, ${cash(report.totals.revenueCents)}, ${report.totals.checkIns} checked in; ` +
    `shows from ${report.from} to ${report.to} (${report.timeZone}).` +
    (report.truncated ? ' Only the first 10,000 shows are counted: narrow the range.' : '') +
    (report.currencyCode ? '' : ' Several currencies: amounts are added as they are.');
  const numberCell = (text) => h('td', { class: 'number' }, text);
  const cells = (row) => [
    numberCell(String(row.shows)),
    numberCell(`${row.seatsSold} / ${row.capacity}`),
    numberCell(percent(row.occupancy)),
    ...types.map((type) =>
      numberCell(row.byType[type] ? `${row.byType[type].tickets} · ${cash(row.byType[type].revenueCents)}` : '—'),
    ),
    numberCell(cash(row.revenueCents)),
    numberCell(String(row.checkIns)),
  ];
  const label = { show: 'Show', day: 'Day', film: 'Film', theater: 'Theater' }[report.groupBy];
  replace(
    el.head,
    h(
      'tr',
      {},
      ...[label, 'Shows', 'Sold', 'Occupancy', ...types, 'Revenue', 'Check-ins'].map((title, index) =>
        h('th', { scope: 'col', class: index ? 'number' : '' }, title),
      ),
    ),
  );
  replace(
    el.rows,
    report.rows.length
      ? report.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), ...cells(row)))
      : h('tr', {}, h('td', { colspan: 6 + types.length }, 'No shows in this range.')),
  );
  replace(el.totals, h('tr', {}, h('th', { scope: 'row' }, 'Total'), ...cells(report.totals)));
  draw(report, types, currency);
}

/** Stacked bars: revenue by ticket type per row; a line: occupancy (right axis). */
function draw(report, types, currency) {
  const Chart = globalThis.Chart;
  if (!Chart) return; // the chart script did not load: the table says it all
  const rows = report.rows.slice(0, 60);
  const data = {
    labels: rows.map((row) => (row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label)),
    datasets: [
      ...types.map((type, index) => ({
        type: 'bar',
        label: type,
        data: rows.map((row) => (row.byType[type]?.revenueCents ?? 0) / 100),
        backgroundColor: COLOURS[index % COLOURS.length],
        stack: 'revenue',
        yAxisID: 'revenue',
      })),
      {
        type: 'line',
        label: 'Occupancy',
        data: rows.map((row) => Math.round(row.occupancy * 1000) / 10),
        borderColor: '#ffffff',
        backgroundColor: '#ffffff',
        yAxisID: 'occupancy',
      },
    ],
  };
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: '#d8dde3',
    scales: {
      x: { stacked: true, ticks: { color: '#aab3bd' } },
      revenue: {
        stacked: true,
        position: 'left',
        title: { display: true, text: `Revenue (${currency})`, color: '#aab3bd' },
        ticks: { color: '#aab3bd' },
      },
      occupancy: {
        position: 'right',
        min: 0,
        max: 100,
        title: { display: true, text: 'Occupancy (%)', color: '#aab3bd' },
        grid: { drawOnChartArea: false },
        ticks: { color: '#aab3bd' },
      },
    },
  };
  chart?.destroy();
  chart = new Chart(el.canvas, { data, options });
}

/** The CSV with the admin token (a plain link could not send it), saved as a file. */
async function downloadCsv() {
  try {
    const response = await fetch(`/api${query('csv')}`, { headers: { Authorization: `Bearer ${adminToken()}` } });
    if (!response.ok) {
      if (response.status === 401 || response.status === 403) gate.refused();
      throw new Error((await response.json()).message ?? `HTTP ${response.status}`);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'sales.csv';
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
el.csv.addEventListener('click', downloadCsv);
