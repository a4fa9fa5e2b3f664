import { showsTable, utcMinute } from './shows-table';

describe('showsTable', () => {
  const show = (id: number, movie: string, available: number) => ({
    id,
    startsAt: '2030-06-03T18:30:00.000Z',
    movie: { name: movie },
    theater: { name: 'Marquee Central' },
    screen: { name: 'Screen 1' },
    available,
    capacity: 120,
  });

  it('lines up id, start (UTC), movie, theater / screen and seats left', () => {
    expect(showsTable([show(7, 'Dune', 118), show(42, 'The Long Title', 0)])).toEqual([
      'ID  STARTS (UTC)      MOVIE           THEATER / SCREEN            SEATS LEFT',
      '7   2030-06-03 18:30  Dune            Marquee Central / Screen 1  118/120',
      '42  2030-06-03 18:30  The Long Title  Marquee Central / Screen 1  0/120',
    ]);
  });

  it('cuts long cells, flattens white space, and says when there are no shows', () => {
    const [, row] = showsTable([show(1, `A\tvery ${'long '.repeat(20)}title`, 5)]);
    expect(row).toContain(`A very ${'long '.repeat(6)}lo…`);
    expect(showsTable([])).toEqual(['No shows.']);
    expect(utcMinute('not a date')).toBe('not a date');
  });
});
