import { CLEANING_GAP_MIN, showDurationMs } from '../show/show-timing';
import { localDate, localMinuteOfDay } from './local-time';
import { BusyInterval, PlannedShow, planShows, PlanRequest, PlannerMovie, PlannerScreen } from './schedule-planner';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function movie(id: number, runtimeMin: number | null, popularity = 10): PlannerMovie {
  return { id, runtimeMin, popularity };
}

function screen(id: number, capacity = 100): PlannerScreen {
  return { id, capacity };
}

function request(overrides: Partial<PlanRequest>): PlanRequest {
  return {
    dates: ['2030-06-03'],
    timeZone: 'UTC',
    screens: [screen(1)],
    movies: [movie(1, 100)],
    busy: [],
    ...overrides,
  };
}

/** Checks every rule a plan must keep, whatever the films chosen; returns the plan. */
function checked(input: PlanRequest): PlannedShow[] {
  const plan = planShows(input);
  const runtime = new Map(input.movies.map((m) => [m.id, m.runtimeMin]));
  const first = 10 * 60;
  const last = 22 * 60 + 30;
  for (const show of plan) {
    expect(show.endsAt - show.startsAt).toBe(showDurationMs(runtime.get(show.movieId)));
    expect(show.startsAt % (5 * MIN)).toBe(0);
    expect(input.dates).toContain(localDate(show.startsAt, input.timeZone));
    const minute = localMinuteOfDay(show.startsAt, input.timeZone);
    expect(minute).toBeGreaterThanOrEqual(first);
    expect(minute).toBeLessThanOrEqual(last);
    if (input.notBeforeMs !== undefined) expect(show.startsAt).toBeGreaterThanOrEqual(input.notBeforeMs);
  }
  for (const { id } of input.screens) {
    const onScreen = [
      ...plan.filter((show) => show.screenId === id),
      ...input.busy.filter((busy) => busy.screenId === id),
    ].sort((a, b) => a.startsAt - b.startsAt);
    for (let i = 1; i < onScreen.length; i++) {
      expect(onScreen[i].startsAt).toBeGreaterThanOrEqual(onScreen[i - 1].endsAt + CLEANING_GAP_MIN * MIN);
    }
  }
  return plan;
}

function countBy<K>(items: K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** A small deterministic PRNG (mulberry32) so the randomised cases are repeatable. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('planShows', () => {
  it('plans nothing without dates, screens or movies', () => {
    expect(planShows(request({ dates: [] }))).toEqual([]);
    expect(planShows(request({ screens: [] }))).toEqual([]);
    expect(planShows(request({ movies: [] }))).toEqual([]);
  });

  it('fills a day from 10:00: trailers + runtime, 15 min cleaning, starts rounded up to 5 min, none after 22:30', () => {
    const plan = checked(request({ movies: [movie(7, 100)] }));
    // 100 min + 15 trailers = 1h55; + 15 cleaning = next start 2h10 later.
    expect(plan.map((show) => `${hhmm(show.startsAt)}-${hhmm(show.endsAt)}`)).toEqual([
      '10:00-11:55',
      '12:10-14:05',
      '14:20-16:15',
      '16:30-18:25',
      '18:40-20:35',
      '20:50-22:45',
    ]);
    expect(plan.every((show) => show.movieId === 7 && show.screenId === 1)).toBe(true);
  });

  it('rounds the next start up to a multiple of 5 minutes', () => {
    const plan = checked(request({ movies: [movie(1, 101)] }));
    expect(hhmm(plan[0].endsAt)).toBe('11:56');
    expect(hhmm(plan[1].startsAt)).toBe('12:15'); // 11:56 + 15 = 12:11, rounded up
  });

  it('assumes 120 minutes when the runtime is unknown', () => {
    const plan = checked(request({ movies: [movie(1, null)] }));
    expect(plan[0].endsAt - plan[0].startsAt).toBe((120 + 15) * MIN);
    expect(hhmm(plan[1].startsAt)).toBe('12:30');
  });

  it('lets the last show start at 22:30 exactly and end after closing', () => {
    // 60 min runtime: 75 min shows every 90 min from 10:00 → …, 20:30, 22:00; 23:30 is too late.
    const plan = checked(request({ movies: [movie(1, 60)] }));
    expect(hhmm(plan[plan.length - 1].startsAt)).toBe('22:00');
    const exact = checked(request({ movies: [movie(1, 45)] })); // 60 min shows every 75 min
    expect(exact.map((show) => hhmm(show.startsAt))).toContain('22:30');
  });

  it('keeps the cleaning gap around busy shows and resumes after them', () => {
    const busy: BusyInterval[] = [
      { screenId: 1, startsAt: at('2030-06-03T12:00:00Z'), endsAt: at('2030-06-03T14:00:00Z') },
    ];
    const plan = checked(request({ movies: [movie(1, 100)], busy }));
    // 10:00-11:55 would end 5 min before the busy show: too close; the day starts after it.
    expect(hhmm(plan[0].startsAt)).toBe('14:15');
  });

  it('fits a shorter film before a busy show when the popular long one does not fit', () => {
    const busy: BusyInterval[] = [
      { screenId: 1, startsAt: at('2030-06-03T12:00:00Z'), endsAt: at('2030-06-03T14:00:00Z') },
    ];
    const plan = checked(request({ movies: [movie(1, 150, 1000), movie(2, 80, 1)], busy }));
    expect(plan[0]).toMatchObject({ movieId: 2, startsAt: at('2030-06-03T10:00:00Z') });
    expect(hhmm(plan[1].startsAt)).toBe('14:15');
  });

  it('only plans the screens it is given and ignores busy shows of other screens', () => {
    const busy: BusyInterval[] = [
      { screenId: 99, startsAt: at('2030-06-03T10:00:00Z'), endsAt: at('2030-06-03T23:00:00Z') },
    ];
    const plan = checked(request({ busy }));
    expect(plan.length).toBeGreaterThan(0);
    expect(new Set(plan.map((show) => show.screenId))).toEqual(new Set([1]));
  });

  it('leaves a fully busy screen alone', () => {
    const busy: BusyInterval[] = [
      { screenId: 1, startsAt: at('2030-06-03T09:00:00Z'), endsAt: at('2030-06-04T02:00:00Z') },
    ];
    expect(checked(request({ busy }))).toEqual([]);
  });

  it('starts nothing before notBefore, rounded up to 5 minutes', () => {
    const plan = checked(request({ notBeforeMs: at('2030-06-03T15:02:10Z') }));
    expect(hhmm(plan[0].startsAt)).toBe('15:05');
    expect(checked(request({ notBeforeMs: at('2030-06-03T22:31:00Z') }))).toEqual([]);
  });

  it('does not collide with a previous day’s show that runs past midnight', () => {
    const busy: BusyInterval[] = [
      { screenId: 1, startsAt: at('2030-06-02T22:30:00Z'), endsAt: at('2030-06-03T10:05:00Z') },
    ];
    const plan = checked(request({ busy }));
    expect(hhmm(plan[0].startsAt)).toBe('10:20');
  });

  it('schedules every film at least once when the window has room', () => {
    const movies = Array.from({ length: 12 }, (_, i) => movie(i + 1, 90 + i * 5, 2 ** i));
    const plan = checked(request({ dates: ['2030-06-03', '2030-06-04', '2030-06-05'], movies }));
    expect(new Set(plan.map((show) => show.movieId))).toEqual(new Set(movies.map((m) => m.id)));
  });

  it('covers every film even when one is much longer than the rest', () => {
    const movies = [movie(1, 240, 5000), ...Array.from({ length: 9 }, (_, i) => movie(i + 2, 95, 1))];
    const plan = checked(request({ dates: ['2030-06-03', '2030-06-04'], movies }));
    expect(new Set(plan.map((show) => show.movieId)).size).toBe(10);
  });

  it('gives the most popular films the few slots there are', () => {
    const movies = Array.from({ length: 30 }, (_, i) => movie(i + 1, 100, 1000 - i));
    const plan = checked(request({ movies }));
    expect(plan).toHaveLength(6);
    expect(new Set(plan.map((show) => show.movieId))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('gives more popular films more shows', () => {
    const popularity = [2000, 400, 50, 5, 0];
    const movies = popularity.map((value, i) => movie(i + 1, 110, value));
    const dates = ['2030-06-03', '2030-06-04', '2030-06-05', '2030-06-06', '2030-06-07', '2030-06-08', '2030-06-09'];
    const plan = checked(request({ dates, screens: [screen(1, 200), screen(2, 80)], movies }));
    const counts = countBy(plan.map((show) => show.movieId));
    const series = movies.map((m) => counts.get(m.id) ?? 0);
    for (let i = 1; i < series.length; i++) expect(series[i]).toBeLessThanOrEqual(series[i - 1]);
    expect(series[0]).toBeGreaterThan(series[4] * 3);
    expect(series[4]).toBeGreaterThanOrEqual(1);
  });

  it('puts the most popular film on the bigger screen more than the least popular one', () => {
    const movies = [movie(1, 100, 5000), movie(2, 100, 300), movie(3, 100, 20), movie(4, 100, 1)];
    const screens = [screen(10, 40), screen(20, 250), screen(30, 120)];
    const plan = checked(request({ dates: ['2030-06-03', '2030-06-04', '2030-06-05'], screens, movies }));
    const capacity = new Map(screens.map((s) => [s.id, s.capacity]));
    const average = (id: number) => {
      const shows = plan.filter((show) => show.movieId === id);
      return shows.reduce((sum, show) => sum + capacity.get(show.screenId)!, 0) / shows.length;
    };
    expect(average(1)).toBeGreaterThan(average(4));
    expect(plan.filter((show) => show.screenId === 20 && show.movieId === 1).length).toBeGreaterThan(
      plan.filter((show) => show.screenId === 20 && show.movieId === 4).length,
    );
  });

  it('spreads a film’s shows over the window rather than bunching them on the first day', () => {
    const movies = Array.from({ length: 6 }, (_, i) => movie(i + 1, 100, 100));
    const dates = ['2030-06-03', '2030-06-04', '2030-06-05'];
    const plan = checked(request({ dates, movies }));
    for (const { id } of movies) {
      const days = new Set(plan.filter((show) => show.movieId === id).map((show) => localDate(show.startsAt, 'UTC')));
      expect(days.size).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses the local opening hours of the time zone, through a DST change', () => {
    const dates = ['2030-03-30', '2030-03-31']; // Paris moves to summer time on the 31st
    const plan = checked(request({ dates, timeZone: 'Europe/Paris', movies: [movie(1, 100)] }));
    const firsts = dates.map((date) => plan.find((show) => localDate(show.startsAt, 'Europe/Paris') === date)!);
    expect(new Date(firsts[0].startsAt).toISOString()).toBe('2030-03-30T09:00:00.000Z'); // 10:00 CET
    expect(new Date(firsts[1].startsAt).toISOString()).toBe('2030-03-31T08:00:00.000Z'); // 10:00 CEST
  });

  it('accepts custom opening hours', () => {
    const plan = checked({ ...request({}), hours: { firstStartMin: 10 * 60, lastStartMin: 14 * 60 } });
    expect(plan.map((show) => hhmm(show.startsAt))).toEqual(['10:00', '12:10']);
  });

  it('is deterministic and independent of input order', () => {
    const movies = [movie(1, 100, 50), movie(2, 130, 50), movie(3, null, 10)];
    const screens = [screen(1, 100), screen(2, 100)];
    const dates = ['2030-06-04', '2030-06-03'];
    const a = planShows(request({ dates, screens, movies }));
    const b = planShows(
      request({ dates: [...dates].reverse(), screens: [...screens].reverse(), movies: [...movies].reverse() }),
    );
    expect(a).toEqual(b);
  });

  it('keeps every rule on random catalogues, screens and busy shows', () => {
    const next = random(42);
    for (let round = 0; round < 40; round++) {
      const movies = Array.from({ length: 1 + Math.floor(next() * 25) }, (_, i) =>
        movie(i + 1, next() < 0.15 ? null : 70 + Math.floor(next() * 140), Math.floor(next() * 3000)),
      );
      const screens = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) =>
        screen(i + 1, 40 + Math.floor(next() * 250)),
      );
      const dates = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `2030-06-0${i + 3}`);
      const busy: BusyInterval[] = [];
      for (const { id } of screens) {
        let cursor = at(`${dates[0]}T08:00:00Z`) + Math.floor(next() * 600) * MIN;
        while (next() < 0.6) {
          const length = (60 + Math.floor(next() * 180)) * MIN;
          busy.push({ screenId: id, startsAt: cursor, endsAt: cursor + length });
          cursor += length + (CLEANING_GAP_MIN + Math.floor(next() * 900)) * MIN;
        }
      }
      const notBeforeMs =
        next() < 0.5 ? at(`${dates[0]}T00:00:00Z`) + Math.floor(next() * 1440) * MIN + 7_000 : undefined;
      const plan = checked({
        dates,
        timeZone: next() < 0.5 ? 'UTC' : 'America/New_York',
        screens,
        movies,
        busy,
        notBeforeMs,
      });
      // With at least one free hour per screen-day, every film the window can hold gets a show.
      if (!busy.length && notBeforeMs === undefined && plan.length >= movies.length) {
        expect(new Set(plan.map((show) => show.movieId)).size).toBe(movies.length);
      }
    }
  });
});
