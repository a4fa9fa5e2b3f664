import { localMinute, showsTable } from './shows-table';

describe('showsTable', () => {
  const show = (id: number, movie: string, available: number, timeZone = 'Europe/Paris') => ({
    id,
    startsAt: '2030-06-03T18:30:00.000Z',
    localStartsAt: timeZone === 'Europe/Paris' ? '2030-06-03T20:30:00+02:00' : '2030-06-03T14:30:00-04:00',
    timeZone,
    movie: { name: movie },
    theater: { name: 'Marquee Central' },
    screen: { name: 'Screen 1' },
    available,
    capacity: 120,
  });

  it("lines up id, start on the theater's clock with its zone, movie, theater / screen and seats left", () => {
    expect(showsTable([show(7, 'Dune', 118), show(42, 'The Long Title', 0, 'America/New_York')])).toEqual([
      'ID  STARTS (THEATER TIME)    ZONE              MOVIE           THEATER / SCREEN            SEATS LEFT',
      '7   2030-06-03 20:30 +02:00  Europe/Paris      Dune            Marquee Central / Screen 1  118/120',
      '42  2030-06-03 14:30 -04:00  America/New_York  The Long Title  Marquee Central / Screen 1  0/120',
    ]);
  });

  it('cuts long cells, flattens white space, and says when there are no shows', () => {
    const [, row] = showsTable([show(1, `A\tvery ${'long '.repeat(20)}title`, 5)]);
    expect(row).toContain(`A very ${'long '.repeat(6)}lo…`);
    expect(showsTable([])).toEqual(['No shows.']);
    expect(localMinute('not a date')).toBe('not a date');
    expect(localMinute('2030-06-03T18:30:00Z')).toBe('2030-06-03 18:30 +00:00');
  });
});
