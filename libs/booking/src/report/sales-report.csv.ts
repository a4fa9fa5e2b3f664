import { SalesReport } from './sales-report.service';

/**
 * A sales report as CSV (RFC 4180, CRLF line ends, a header line): one line per row then a
 * `total` line; per ticket type a tickets and a revenue column. Fields are quoted when needed, and
 * a text field starting with `= + - @` is prefixed with `'` so a spreadsheet does not run it as a
 * formula (a film title is outside data).
 */
export function salesReportCsv(report: SalesReport): string {
  const typeColumns = report.ticketTypes.flatMap((name) => [`tickets ${name}`, `revenue_cents ${name}`]);
  const header = [
    report.groupBy,
    'label',
    'shows',
    'capacity',
    'seats_sold',
    'occupancy',
    'revenue_cents',
    ...typeColumns,
    'check_ins',
  ];
  const line = (key: string, label: string, row: SalesReport['totals']) => [
    key,
    label,
    row.shows,
    row.capacity,
    row.seatsSold,
    row.occupancy,
    row.revenueCents,
    ...report.ticketTypes.flatMap((name) => [row.byType[name]?.tickets ?? 0, row.byType[name]?.revenueCents ?? 0]),
    row.checkIns,
  ];
  const lines = [
    header,
    ...report.rows.map((row) => line(row.key, row.label, row)),
    line('total', `${report.from} to ${report.to}`, report.totals),
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
