import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { PAGES } from '../../apps/api/src/web/web-pages';
import { createTestApp, TestApp } from '../support/test-app';

/** The HTML pages and assets over HTTP: routes, headers, 404s, next to an untouched /api. */
describe('web pages over HTTP (SQLite)', () => {
  let app: TestApp;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp('sqlite', {
      CINEMA_TIME_ZONE: 'Europe/Paris',
      MAX_SEATS_PER_BOOKING: '6',
      HOLD_TTL_SECONDS: '120',
    });
  });
  afterAll(() => app?.close());

  const paths: Record<string, string> = {
    '/': 'now-playing',
    '/movies/7': 'movie',
    '/shows/42': 'show',
    '/shows/42/queue': 'queue',
    '/bookings': 'bookings',
    '/bookings/7KQ2M9XD': 'ticket',
    '/admin': 'admin-import',
    '/admin/theaters': 'admin-theaters',
    '/admin/shows': 'admin-shows',
    '/admin/system': 'admin-system',
    '/admin/pricing': 'admin-pricing',
    '/admin/reports': 'admin-reports',
    '/door': 'door',
  };

  it('serves every page with its script, the settings and a strict CSP', async () => {
    expect(PAGES.map((page) => page.view).sort()).toEqual(Object.values(paths).sort());
    for (const [path, view] of Object.entries(paths)) {
      const page = await http().get(path).expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("img-src 'self' data: https://image.tmdb.org");
      expect(csp).not.toContain('upgrade-insecure-requests'); // plain-HTTP nodes: it would break the pages off loopback
      expect(page.text).toContain(`<script type="module" src="/assets/js/pages/${view}.js"></script>`);
      expect(page.text).toContain('data-time-zone="Europe/Paris" data-max-seats="6" data-hold-seconds="120"');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
      expect(page.text).not.toMatch(/\{\{\w+\}\}/);
      await http()
        .get(`/assets/js/pages/${view}.js`)
        .expect(200)
        .expect('content-type', /javascript/);
      await http().get(path).set('If-None-Match', page.headers.etag).expect(304);
    }
  });

  it('marks the current page in the navigation', async () => {
    const page = await http().get('/bookings').expect(200);
    expect(page.text).toContain('<a href="/bookings" aria-current="page">My bookings</a>');
    expect(page.text).toContain('<a href="/">Now playing</a>');
    const admin = await http().get('/admin/shows').expect(200);
    expect(admin.text).toContain('<a href="/admin/shows" aria-current="page">Shows</a>');
  });

  it('serves the stylesheet and images', async () => {
    await http()
      .get('/assets/css/marquee.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    await http()
      .get('/assets/img/favicon.svg')
      .expect(200)
      .expect('content-type', /image\/svg\+xml/);
    await http().get('/assets/nope.js').expect(404);
    // The door page's QR decoder, from the jsqr package.
    const decoder = await http()
      .get('/assets/vendor/jsQR.js')
      .expect(200)
      .expect('content-type', /javascript/);
    expect(decoder.text).toContain('jsQR');
  });

  it('serves Chart.js from node_modules, byte for byte, for the report page', async () => {
    const chart = await http()
      .get('/assets/vendor/chart.umd.min.js')
      .expect(200)
      .expect('content-type', /javascript/);
    expect(chart.text).toBe(
      readFileSync(join(__dirname, '..', '..', 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), 'utf8'),
    );
    await http().get('/assets/vendor/nope.js').expect(404);
  });

  it('answers other paths with the not-found page, malformed ids included, and leaves /api alone', async () => {
    for (const path of ['/nope', '/movies/abc', '/shows/0', '/shows/0/queue', '/bookings/short', '/admin/nope']) {
      const page = await http().get(path).set('Accept', 'text/html').expect(404);
      expect(page.text).toContain('<h1>Page not found</h1>');
    }
    const api = await http().get('/api/nope').set('Accept', 'text/html,application/json').expect(404);
    expect(api.body).toMatchObject({ error: 'NOT_FOUND' });
    await http().get('/api/health').expect(200);
    const head = await http().head('/').expect(200);
    expect(head.text).toBeUndefined();
  });
});
