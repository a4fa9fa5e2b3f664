import {
  addDays,
  isCalendarDate,
  isTimeZone,
  localDate,
  localDayBounds,
  localMinuteOfDay,
  utcOffsetMinutes,
  zonedTimeToUtc,
} from './local-time';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local time', () => {
  it('knows IANA zones', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate('2027-01-01T00:00')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
  });

  it('converts local wall time to UTC in winter and summer', () => {
    expect(iso(zonedTimeToUtc('2030-01-15', 600, 'Europe/Paris'))).toBe('2030-01-15T09:00:00.000Z');
    expect(iso(zonedTimeToUtc('2030-07-15', 600, 'Europe/Paris'))).toBe('2030-07-15T08:00:00.000Z');
    expect(iso(zonedTimeToUtc('2030-07-15', 1350, 'America/New_York'))).toBe('2030-07-16T02:30:00.000Z');
    expect(iso(zonedTimeToUtc('2030-07-15', 600, 'UTC'))).toBe('2030-07-15T10:00:00.000Z');
  });

  it('maps a skipped wall time an hour later and a repeated one to its first occurrence', () => {
    expect(iso(zonedTimeToUtc('2030-03-31', 150, 'Europe/Paris'))).toBe('2030-03-31T01:30:00.000Z'); // 02:30 does not exist
    expect(iso(zonedTimeToUtc('2030-10-27', 150, 'Europe/Paris'))).toBe('2030-10-27T00:30:00.000Z'); // 02:30 happens twice
  });

  it('reads the local date, minute and offset of an instant', () => {
    const instant = Date.parse('2030-07-15T22:30:00Z');
    expect(localDate(instant, 'Europe/Paris')).toBe('2030-07-16');
    expect(localMinuteOfDay(instant, 'Europe/Paris')).toBe(30);
    expect(utcOffsetMinutes(instant, 'Europe/Paris')).toBe(120);
    expect(localDate(instant, 'UTC')).toBe('2030-07-15');
  });

  it('gives a local day its real length (23 h on the spring DST day)', () => {
    const { startMs, endMs } = localDayBounds('2030-03-31', 'Europe/Paris');
    expect(iso(startMs)).toBe('2030-03-30T23:00:00.000Z');
    expect((endMs - startMs) / 3_600_000).toBe(23);
  });
});
