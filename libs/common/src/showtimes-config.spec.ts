import { validateConfig } from './config.schema';

describe('showtimes configuration', () => {
  it('reads the filter variables into typed values', () => {
    const config = validateConfig({ SHOWTIMES_API_KEY: 'key', SHOWTIMES_CINEMA_IDS: ' 38127, 40112 ' });
    expect(config.SHOWTIMES_CINEMA_IDS).toEqual(['38127', '40112']);
    expect(validateConfig({ SHOWTIMES_COUNTRIES: 'de,fr' }).SHOWTIMES_COUNTRIES).toEqual(['DE', 'FR']);
    expect(validateConfig({}).SHOWTIMES_BASE_URL).toBe('https://api.internationalshowtimes.com/v4');
  });

  it('stops boot naming the variable for a bad value, a missing filter or two filters', () => {
    expect(() => validateConfig({ SHOWTIMES_CINEMA_IDS: '0123' })).toThrow(
      /SHOWTIMES_CINEMA_IDS\.0: must be ids in decimal form/,
    );
    expect(() => validateConfig({ SHOWTIMES_COUNTRIES: 'DEU' })).toThrow(/SHOWTIMES_COUNTRIES\.0: must be ISO 3166-1/);
    expect(() => validateConfig({ SHOWTIMES_LOCATION: 'Lyon' })).toThrow(/SHOWTIMES_LOCATION: must be "lat,lon"/);
    expect(() => validateConfig({ SHOWTIMES_API_KEY: 'key' })).toThrow(/SHOWTIMES_API_KEY: needs what to import/);
    expect(() => validateConfig({ SHOWTIMES_CINEMA_IDS: '1', SHOWTIMES_COUNTRIES: 'DE' })).toThrow(
      /SHOWTIMES_CINEMA_IDS, SHOWTIMES_COUNTRIES: set one filter/,
    );
  });
});
