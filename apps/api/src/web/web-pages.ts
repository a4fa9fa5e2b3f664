import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Which navigation a page carries: the customer's or the admin's. */
export type PageArea = 'customer' | 'admin' | 'door';

/** A page: its route, template (`views/<view>.html`), script (`public/js/pages/<view>.js`), title. */
export interface PageSpec {
  /** Express route, e.g. `/movies/:id`. */
  path: string;
  view: string;
  title: string;
  area: PageArea;
  /** Route parameter that must match `pattern`, else the page answers 404. */
  param?: { name: string; pattern: RegExp };
}

/** Every HTML page Marquee serves (the JSON API stays under /api). */
export const PAGES: PageSpec[] = [
  { path: '/', view: 'now-playing', title: 'Now playing', area: 'customer' },
  {
    path: '/movies/:id',
    view: 'movie',
    title: 'Film',
    area: 'customer',
    param: { name: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
  },
  {
    path: '/shows/:id',
    view: 'show',
    title: 'Choose your seats',
    area: 'customer',
    param: { name: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
  },
  {
    path: '/shows/:id/queue',
    view: 'queue',
    title: 'Waiting room',
    area: 'customer',
    param: { name: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
  },
  { path: '/bookings', view: 'bookings', title: 'My bookings', area: 'customer' },
  {
    path: '/bookings/:code',
    view: 'ticket',
    title: 'Your ticket',
    area: 'customer',
    param: { name: 'code', pattern: /^[0-9A-HJKMNP-TV-Z]{8}$/i },
  },
  { path: '/admin', view: 'admin-import', title: 'Admin · Imports', area: 'admin' },
  { path: '/admin/theaters', view: 'admin-theaters', title: 'Admin · Theaters and screens', area: 'admin' },
  { path: '/admin/shows', view: 'admin-shows', title: 'Admin · Shows', area: 'admin' },
  { path: '/admin/pricing', view: 'admin-pricing', title: 'Admin · Ticket types and prices', area: 'admin' },
  { path: '/admin/reports', view: 'admin-reports', title: 'Admin · Sales reports', area: 'admin' },
  { path: '/admin/system', view: 'admin-system', title: 'Admin · System monitor', area: 'admin' },
  { path: '/door', view: 'door', title: 'Door check-in', area: 'door' },
];

/** The page answered (with status 404) for any other path outside /api. */
export const NOT_FOUND_PAGE: PageSpec = { path: '', view: 'not-found', title: 'Page not found', area: 'customer' };

/** Values the pages' scripts read from `<body data-…>`. */
export interface PageSettings {
  /** IANA zone of the cinemas (CINEMA_TIME_ZONE): showtimes and day filters are in it. */
  timeZone: string;
  /** MAX_SEATS_PER_BOOKING. */
  maxSeats: number;
  /** HOLD_TTL_SECONDS. */
  holdSeconds: number;
}

/** A composed page: bytes and strong ETag. */
export interface RenderedPage {
  html: Buffer;
  etag: string;
}

const NAV: Record<PageArea, { href: string; label: string; view: string }[]> = {
  customer: [
    { href: '/', label: 'Now playing', view: 'now-playing' },
    { href: '/bookings', label: 'My bookings', view: 'bookings' },
  ],
  admin: [
    { href: '/admin', label: 'Imports', view: 'admin-import' },
    { href: '/admin/theaters', label: 'Theaters & screens', view: 'admin-theaters' },
    { href: '/admin/shows', label: 'Shows', view: 'admin-shows' },
    { href: '/admin/pricing', label: 'Prices', view: 'admin-pricing' },
    { href: '/admin/reports', label: 'Reports', view: 'admin-reports' },
    { href: '/admin/system', label: 'System monitor', view: 'admin-system' },
    { href: '/', label: 'Customer site', view: '' },
  ],
  door: [{ href: '/door', label: 'Door check-in', view: 'door' }],
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/**
 * Composes a page once at boot: `views/shell.html` (head, header, footer) around
 * `views/<view>.html`, with the page's title, navigation (current page marked), its module
 * script and the settings as `data-` attributes. Pages hold no customer data: their scripts fetch
 * it from the JSON API, so the HTML is the same for everyone and cacheable (ETag).
 */
export function renderPage(root: string, page: PageSpec, settings: PageSettings): RenderedPage {
  const shell = readFileSync(join(root, 'views', 'shell.html'), 'utf8');
  const main = readFileSync(join(root, 'views', `${page.view}.html`), 'utf8');
  const nav = NAV[page.area]
    .map(
      (link) =>
        `<a href="${link.href}"${link.view === page.view ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`,
    )
    .join('\n        ');
  const values: Record<string, string> = {
    title: escapeHtml(page.title),
    area: page.area,
    view: page.view,
    nav,
    main,
    timeZone: escapeHtml(settings.timeZone),
    maxSeats: String(settings.maxSeats),
    holdSeconds: String(settings.holdSeconds),
  };
  const html = shell.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`views/shell.html: unknown placeholder ${whole}`);
    return values[key];
  });
  const bytes = Buffer.from(html, 'utf8');
  return { html: bytes, etag: `"${createHash('sha1').update(bytes).digest('base64url')}"` };
}
