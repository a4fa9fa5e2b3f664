import { z } from 'zod';

/**
 * Zod schemas of the International Showtimes API (cinepass) payloads the importer reads, in the
 * v4 shapes (v5 keeps these fields): `GET /cinemas`, `GET /movies`, `GET /showtimes`, each a
 * page `{ <list>: [...], meta_info: { total_count, current_page, total_pages, per_page } }`.
 * A list is checked as a whole (it must be an array), each record on its own, so one broken
 * record is skipped and reported instead of failing the import. Ids come as strings (numbers are
 * accepted and written in decimal); `null` and absent optional fields both read as null.
 */

/** A source id: the API's string ids (`"38127"`), numbers accepted; canonical string out. */
export const sourceIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, 'must be an id of 1 to 40 letters, digits, - or _'));

const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((value) => (value == null || value.trim() === '' ? null : value.trim().slice(0, max)));

/** `location.address` of a cinema. */
export const addressSchema = z
  .object({
    display_text: text(300),
    street: text(200),
    house: text(40),
    zipcode: text(20),
    city: text(120),
    state: text(120),
    country: text(120),
    country_code: text(2),
  })
  .nullish()
  .transform((value) => value ?? null);

/** A record of `GET /cinemas`. */
export const cinemaSchema = z.object({
  id: sourceIdSchema,
  name: z.string().trim().min(1).max(120),
  chain_id: sourceIdSchema.nullish().transform((value) => value ?? null),
  telephone: text(40),
  website: text(300),
  location: z
    .object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      address: addressSchema,
    })
    .nullish()
    .transform((value) => value ?? null),
});
export type ShowtimesCinema = z.output<typeof cinemaSchema>;

/** A record of `GET /movies`. */
export const movieSchema = z.object({
  id: sourceIdSchema,
  title: text(300),
  tmdb_id: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .nullish()
    .transform((value) => value ?? null),
  imdb_id: text(20),
  runtime: z
    .number()
    .int()
    .nonnegative()
    .max(2_000)
    .nullish()
    .transform((value) => value || null),
});
export type ShowtimesMovie = z.output<typeof movieSchema>;

/** ISO-8601 local date-time with a UTC offset (`2026-12-01T20:15:00+01:00` or `…Z`). */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** The same without an offset: ambiguous, refused with its own message. */
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** `start_at`: a date-time with its UTC offset; one without an offset is refused (which zone?). */
export const startAtSchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (LOCAL.test(value)) context.addIssue({ code: 'custom', message: 'has no UTC offset' });
    else if (!ZONED.test(value) || !Number.isFinite(Date.parse(value)))
      context.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time with a UTC offset' });
  });

/** A record of `GET /showtimes`. v4 has `is_3d` / `is_imax`; v5-style `attributes` are read too. */
export const showtimeSchema = z.object({
  id: sourceIdSchema,
  cinema_id: sourceIdSchema,
  movie_id: sourceIdSchema,
  start_at: startAtSchema,
  auditorium: text(60),
  language: text(12),
  subtitle_language: text(12),
  is_3d: z.boolean().nullish(),
  is_imax: z.boolean().nullish(),
  attributes: z
    .array(z.string().trim().min(1).max(20))
    .max(20)
    .nullish()
    .transform((value) => value ?? []),
  booking_link: z
    .string()
    .trim()
    .max(500)
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
    .nullish()
    .catch(null)
    .transform((value) => value ?? null),
});
export type ShowtimesShowtime = z.output<typeof showtimeSchema>;

/** `meta_info` of a page; every field optional (a one-page answer may omit it). */
export const metaInfoSchema = z
  .object({
    total_count: z.number().int().nonnegative().optional(),
    current_page: z.number().int().positive().optional(),
    total_pages: z.number().int().nonnegative().optional(),
    per_page: z.number().int().positive().optional(),
  })
  .nullish()
  .transform((value) => value ?? {});

/** A page of a list, its records still unchecked. */
export interface ShowtimesPage {
  items: unknown[];
  meta_info: z.output<typeof metaInfoSchema>;
}

/** A page of a list: `{ [key]: unknown[], meta_info }`; records are checked one by one. */
export function pageSchema(key: string): z.ZodType<ShowtimesPage, z.ZodTypeDef, unknown> {
  return z.object({ [key]: z.array(z.unknown()), meta_info: metaInfoSchema }).transform((page) => ({
    items: page[key] as unknown[],
    meta_info: page.meta_info as z.output<typeof metaInfoSchema>,
  }));
}
