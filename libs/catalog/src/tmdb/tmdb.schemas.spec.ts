import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeIssues,
  genreListSchema,
  movieDetailSchema,
  movieListItemSchema,
  nowPlayingPageSchema,
} from './tmdb.schemas';

const SNAPSHOT = join(__dirname, '..', '..', 'snapshot', 'tmdb');
const read = (name: string): unknown => JSON.parse(readFileSync(join(SNAPSHOT, name), 'utf8'));
const item = (overrides: Record<string, unknown> = {}) => ({
  id: 940721,
  title: 'Godzilla Minus One',
  original_title: 'ゴジラ-1.0',
  original_language: 'ja',
  overview: 'In postwar Japan, a new terror rises.',
  poster_path: '/hkxxMIGaiCTmrEArK7J56JTKUlB.jpg',
  release_date: '2023-11-03',
  genre_ids: [878, 27, 28],
  popularity: 334.39,
  vote_average: 7.9,
  ...overrides,
});

describe('TMDB schemas on the committed snapshot', () => {
  it('reads the genre list with TMDB ids and names', () => {
    const { genres } = genreListSchema.parse(read('genre-movie-list.json'));
    expect(genres).toHaveLength(19);
    expect(genres).toContainEqual({ id: 878, name: 'Science Fiction' });
    expect(genres).toContainEqual({ id: 10770, name: 'TV Movie' });
  });

  it('reads both now_playing pages: 39 entries, 37 distinct films, every genre id known', () => {
    const known = new Set(genreListSchema.parse(read('genre-movie-list.json')).genres.map((genre) => genre.id));
    const pages = [1, 2].map((page) => nowPlayingPageSchema.parse(read(`now_playing-page-${page}.json`)));
    expect(pages.map((page) => [page.page, page.total_pages, page.results.length])).toEqual([
      [1, 2, 20],
      [2, 2, 19],
    ]);
    const results = pages.flatMap((page) => page.results);
    expect(new Set(results.map((result) => result.id)).size).toBe(37);
    expect(results.flatMap((result) => result.genre_ids).every((id) => known.has(id))).toBe(true);
  });

  it('has a valid detail for every listed film, with runtimes in minutes or null', () => {
    const listed = [1, 2].flatMap((page) =>
      nowPlayingPageSchema.parse(read(`now_playing-page-${page}.json`)).results.map((result) => result.id),
    );
    const files = readdirSync(SNAPSHOT).filter((name) => /^movie-\d+\.json$/.test(name));
    const details = files.map((name) => movieDetailSchema.parse(read(name)));
    expect(details.map((detail) => detail.id).sort()).toEqual([...new Set(listed)].sort());
    for (const detail of details) {
      expect(detail.runtime === null || (detail.runtime >= 60 && detail.runtime <= 240)).toBe(true);
      expect(detail.genres.length).toBeGreaterThan(0);
    }
    expect(details.filter((detail) => detail.runtime === null)).toHaveLength(9);
    expect(details.find((detail) => detail.id === 508883)).toMatchObject({
      original_title: '君たちはどう生きるか',
      runtime: 124,
    });
  });
});

describe('movie list item schema', () => {
  it('is lenient where TMDB is: null, empty or missing optional fields', () => {
    const parsed = movieListItemSchema.parse(
      item({
        poster_path: null,
        overview: '',
        release_date: '',
        original_language: undefined,
        genre_ids: undefined,
        popularity: null,
      }),
    );
    expect(parsed).toMatchObject({
      poster_path: null,
      overview: null,
      release_date: null,
      original_language: null,
      genre_ids: [],
      popularity: 0,
    });
  });

  it('reads a poster that is not a TMDB image path, or a release date of another shape, as null', () => {
    expect(
      movieListItemSchema.parse(item({ poster_path: 'https://evil.example/x.jpg', release_date: '03/11/2023' })),
    ).toMatchObject({
      poster_path: null,
      release_date: null,
    });
  });

  it('ignores fields it does not know', () => {
    expect(movieListItemSchema.parse(item({ adult: false, video: false, backdrop_path: '/x.jpg' }))).not.toHaveProperty(
      'adult',
    );
  });

  it.each([
    ['a missing id', { id: undefined }, 'id'],
    ['a string id', { id: '940721' }, 'id'],
    ['a zero id', { id: 0 }, 'id'],
    ['a missing title', { title: undefined }, 'title'],
    ['a blank title', { title: '  ' }, 'title'],
  ])('refuses %s', (_case, overrides, field) => {
    const result = movieListItemSchema.safeParse(item(overrides));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0].path).toEqual([field]);
  });
});

describe('now_playing page schema', () => {
  it('needs page, total_pages and results', () => {
    expect(nowPlayingPageSchema.safeParse({ page: 1, results: [] }).success).toBe(false);
    expect(nowPlayingPageSchema.safeParse({ page: 1, total_pages: 3, results: {} }).success).toBe(false);
    expect(nowPlayingPageSchema.parse({ page: 1, total_pages: 0, results: [] }).results).toEqual([]);
  });

  it('names the bad field in its description', () => {
    const result = nowPlayingPageSchema.safeParse({
      page: 1,
      total_pages: 1,
      results: [item(), item({ title: undefined })],
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toBe('results.1.title: Required');
  });
});

describe('movie detail schema', () => {
  it.each([
    [0, null],
    [null, null],
    [undefined, null],
    [125, 125],
  ])('reads runtime %p as %p', (runtime, expected) => {
    expect(movieDetailSchema.parse({ ...item(), runtime, genres: [] }).runtime).toBe(expected);
  });

  it('reads missing genres as none and refuses a negative runtime', () => {
    expect(movieDetailSchema.parse({ ...item(), runtime: 90 }).genres).toEqual([]);
    expect(movieDetailSchema.safeParse({ ...item(), runtime: -1 }).success).toBe(false);
  });
});
