import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { bodyOf, refusal } from './api-answers';
import { adminHeaders, CliContext } from './cli-context';
import { Failure, UsageError } from './cli-errors';
import { failedMessage } from './messages';
import { showsTable } from './shows-table';

/** How often `import` asks for the job's progress, ms. */
export const IMPORT_POLL_MS = 250;

const named = z.object({ name: z.string() });
const showListSchema = z.array(
  z.object({
    id: z.number(),
    startsAt: z.string(),
    localStartsAt: z.string(),
    timeZone: z.string(),
    movie: named,
    theater: named,
    screen: named,
    available: z.number(),
    capacity: z.number(),
  }),
);
const showRecordSchema = z.object({
  id: z.number(),
  movieId: z.number(),
  screenId: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  priceCents: z.number(),
  premiumPriceCents: z.number(),
});
const jobStartedSchema = z.object({ jobId: z.string().min(1) });
const jobSchema = z.object({
  state: z.string(),
  progress: z.object({ done: z.number(), total: z.number() }),
  result: z.unknown().optional(),
  error: z.string().optional(),
});
const importResultSchema = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
});
const overlapSchema = z.object({ error: z.literal('SHOW_OVERLAP'), conflictingShowId: z.number() });

/** The options of `marquee add-show`, as typed. */
export interface AddShowOptions {
  movie: string;
  screen: string;
  starts: string;
  price: string;
  premiumPrice?: string;
}

/** A whole number option from `min` to `max`. @throws UsageError naming the option. */
export function wholeOption(option: string, raw: string, min: number, max: number): number {
  const value = /^[0-9]{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(value >= min && value <= max))
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** `YYYY-MM-DD` for `shows --date`. @throws UsageError. */
export function dateOption(raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || !Number.isFinite(Date.parse(`${raw}T00:00:00Z`)))
    throw new UsageError(`--date must be a day as YYYY-MM-DD, got "${raw}"`);
  return raw;
}

/** `marquee shows [--date YYYY-MM-DD]`: the table of shows with seats left. @throws UsageError, Failure, Unreachable. */
export async function listShows(context: CliContext, date?: string): Promise<string[]> {
  const answer = await context.client.send({
    method: 'GET',
    path: '/admin/shows',
    query: { date: date && dateOption(date) },
    headers: adminHeaders(context.config),
  });
  if (answer.status !== 200) return refusal(answer);
  return showsTable(bodyOf(answer, showListSchema));
}

/**
 * `marquee add-show --movie <id> --screen <id> --starts <ISO> --price <cents> [--premium-price <cents>]`.
 * @returns `Added show 42: …`. @throws UsageError (bad option, refused input), Failure (e.g. overlap), Unreachable.
 */
export async function addShow(context: CliContext, options: AddShowOptions): Promise<string> {
  const body = {
    movieId: wholeOption('--movie', options.movie, 1, 2_147_483_647),
    screenId: wholeOption('--screen', options.screen, 1, 2_147_483_647),
    startsAt: options.starts.trim(),
    priceCents: wholeOption('--price', options.price, 0, 100_000),
    ...(options.premiumPrice === undefined
      ? {}
      : { premiumPriceCents: wholeOption('--premium-price', options.premiumPrice, 0, 100_000) }),
  };
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(body.startsAt) ||
    !/(Z|[+-]\d{2}:\d{2})$/.test(body.startsAt) ||
    !Number.isFinite(Date.parse(body.startsAt))
  ) {
    throw new UsageError(
      `--starts must be an ISO-8601 date-time with a zone, e.g. 2030-06-03T18:30:00Z, got "${options.starts}"`,
    );
  }
  const answer = await context.client.send({
    method: 'POST',
    path: '/admin/shows',
    body,
    headers: adminHeaders(context.config),
  });
  if (answer.status === 201) {
    const show = bodyOf(answer, showRecordSchema);
    return `Added show ${show.id}: movie ${show.movieId} on screen ${show.screenId}, ${show.startsAt} to ${show.endsAt}, ${show.priceCents} cents (premium ${show.premiumPriceCents}).`;
  }
  const overlap = overlapSchema.safeParse(answer.body);
  if (overlap.success && answer.failedTries.some((failure) => failure.mayHaveRun)) {
    // Creating a show has no idempotency key: the try that timed out may be the show in the way.
    context.note(`marquee: an earlier try may have added it already: see show ${overlap.data.conflictingShowId}`);
  }
  return refusal(answer);
}

/** `marquee remove-show <id>`: removes a show without bookings. @throws Failure (has bookings, unknown), UsageError, Unreachable. */
export async function removeShow(context: CliContext, rawId: string): Promise<string> {
  const id = wholeOption('show id', rawId, 1, 2_147_483_647);
  const answer = await context.client.send({
    method: 'DELETE',
    path: `/admin/shows/${id}`,
    headers: adminHeaders(context.config),
  });
  if (answer.status === 204 || answer.status === 200) return `Removed show ${id}.`;
  if (answer.status === 404 && answer.failedTries.some((failure) => failure.mayHaveRun)) {
    context.note('marquee: an earlier try may have removed it before it stopped answering');
  }
  return refusal(answer);
}

/**
 * `marquee import [--pages n]`: starts a TMDB catalogue import and follows the job until it ends,
 * with progress on stderr. @returns `Import finished: …`. @throws Failure when the job failed;
 * UsageError; Unreachable.
 */
export async function importCatalog(context: CliContext, rawPages?: string): Promise<string> {
  const pages = rawPages === undefined ? undefined : wholeOption('--pages', rawPages, 1, 50);
  return runImportJob(context, '/admin/catalog/import', pages === undefined ? {} : { pages }, importFinished);
}

/**
 * `marquee import-showtimes`: starts a showtimes import (cinemas, auditoriums, showtimes from the
 * showtimes API) and follows the job until it ends, with progress on stderr.
 * @returns `Showtimes import finished: …`. @throws Failure when the job failed; Unreachable.
 */
export function importShowtimes(context: CliContext): Promise<string> {
  return runImportJob(context, '/admin/showtimes/import', { origin: 'cli' }, showtimesFinished);
}

/**
 * Starts an import job with `POST path` and polls it until it ends, noting progress on stderr.
 * Polls the server that started it first (an in-process job lives on that node only).
 */
async function runImportJob(
  context: CliContext,
  path: string,
  body: Record<string, unknown>,
  finished: (result: unknown) => string,
): Promise<string> {
  const headers = adminHeaders(context.config);
  const started = await context.client.send({ method: 'POST', path, body, headers });
  if (started.status !== 202) return refusal(started);
  const { jobId } = bodyOf(started, jobStartedSchema);
  context.note(`Import started: job ${jobId}.`);
  let last = '';
  for (;;) {
    const answer = await context.client.send({
      method: 'GET',
      path: `/admin/jobs/${encodeURIComponent(jobId)}`,
      headers,
    });
    if (answer.status !== 200) return refusal(answer);
    const job = bodyOf(answer, jobSchema);
    if (job.state === 'completed') return finished(job.result);
    if (job.state === 'failed')
      throw new Failure(failedMessage(`the import failed: ${job.error ?? 'no reason given'}`));
    const progress = `import ${job.state}: ${job.progress.done}/${job.progress.total}`;
    if (progress !== last) context.note(progress);
    last = progress;
    await sleep(IMPORT_POLL_MS);
  }
}

const showtimesResultSchema = z.object({
  ran: z.boolean(),
  reason: z.string().optional(),
  read: z.object({ cinemas: z.number(), showtimes: z.number() }).optional(),
  sync: z
    .object({
      theaters: z.object({ created: z.number(), updated: z.number(), vanished: z.number() }),
      shows: z.object({
        created: z.number(),
        updated: z.number(),
        removed: z.number(),
        cancelledUpstream: z.array(z.unknown()),
      }),
    })
    .optional(),
  skipped: z.object({ total: z.number() }).optional(),
  conflicts: z.array(z.unknown()).optional(),
});

function showtimesFinished(result: unknown): string {
  const parsed = showtimesResultSchema.safeParse(result);
  if (!parsed.success) return 'Showtimes import finished.';
  const { ran, reason, read, sync, skipped, conflicts } = parsed.data;
  if (!ran) return `Showtimes import not run: ${reason ?? 'another import was running'}.`;
  if (!read || !sync) return 'Showtimes import finished.';
  const { theaters, shows } = sync;
  return (
    `Showtimes import finished: ${read.cinemas} cinemas (${theaters.created} new, ${theaters.vanished} gone), ` +
    `${read.showtimes} showtimes: ${shows.created} shows new, ${shows.updated} updated, ${shows.removed} removed, ` +
    `${shows.cancelledUpstream.length} cancelled upstream with bookings; ${skipped?.total ?? 0} skipped, ` +
    `${conflicts?.length ?? 0} overlaps.`
  );
}

function importFinished(result: unknown): string {
  const counts = importResultSchema.safeParse(result);
  if (!counts.success) return 'Import finished.';
  const { total, created, updated, skipped } = counts.data;
  return `Import finished: ${total} films (${created} new, ${updated} updated, ${skipped} skipped).`;
}
