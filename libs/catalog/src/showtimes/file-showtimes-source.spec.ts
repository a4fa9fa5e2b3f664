import { FileShowtimesSource, resolveShowtimesSnapshotDir } from './file-showtimes-source';
import { localDate, localMinuteOfDay } from '../schedule/local-time';

const ZONE = 'Europe/Paris';

describe('FileShowtimesSource', () => {
  // A Thursday in July (summer time, +02:00) while the snapshot's week is in January (+01:00).
  const now = Date.parse('2026-07-16T08:00:00Z');
  const source = new FileShowtimesSource(resolveShowtimesSnapshotDir(), () => now);

  it("moves the snapshot's week to today and the six days after, keeping weekday and wall-clock time", async () => {
    const original = (await new FileShowtimesSource(resolveShowtimesSnapshotDir(), () =>
      Date.parse('2024-01-15T06:00:00Z'),
    ).get('/showtimes')) as { showtimes: { id: string; start_at: string }[] };
    const moved = (await source.get('/showtimes')) as { showtimes: { id: string; start_at: string }[] };
    const days = new Set(moved.showtimes.map((showtime) => localDate(Date.parse(showtime.start_at), ZONE)));
    expect([...days].sort()).toEqual([
      '2026-07-16',
      '2026-07-17',
      '2026-07-18',
      '2026-07-19',
      '2026-07-20',
      '2026-07-21',
      '2026-07-22',
    ]);
    for (const [index, showtime] of moved.showtimes.entries()) {
      const before = Date.parse(original.showtimes[index].start_at);
      const after = Date.parse(showtime.start_at);
      expect(localMinuteOfDay(after, ZONE)).toBe(localMinuteOfDay(before, ZONE));
      const weekday = (instant: number) =>
        new Intl.DateTimeFormat('en', { timeZone: ZONE, weekday: 'long' }).format(instant);
      expect(weekday(after)).toBe(weekday(before));
      expect(showtime.start_at).toMatch(/\+02:00$/); // the summer offset of the new date
    }
  });

  it('serves pages with meta_info and honours cinema_id', async () => {
    const page = (await source.get('/showtimes', { page: 2, per_page: 20, cinema_id: '61840' })) as {
      showtimes: { cinema_id: string }[];
      meta_info: { total_count: number; total_pages: number; current_page: number };
    };
    expect(page.meta_info.current_page).toBe(2);
    expect(page.meta_info.total_pages).toBe(Math.ceil(page.meta_info.total_count / 20));
    expect(page.showtimes).toHaveLength(20);
    expect(page.showtimes.every((showtime) => showtime.cinema_id === '61840')).toBe(true);
    await expect(source.get('/nowhere')).rejects.toThrow(/has no GET \/nowhere/);
  });
});
