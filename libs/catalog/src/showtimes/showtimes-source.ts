import { SourceQuery } from '../http/json-body';

/**
 * Where International Showtimes API payloads come from: the live API
 * ({@link HttpShowtimesSource}) or the committed snapshot ({@link FileShowtimesSource}). Both
 * answer `/cinemas`, `/movies` and `/showtimes` with filters and `page` / `per_page`, with the
 * parsed JSON body, unvalidated; {@link ShowtimesClient} validates it.
 */
export abstract class ShowtimesSource {
  /** A short description for logs and messages, e.g. `showtimes API https://…/v4`. */
  abstract readonly description: string;

  /**
   * The JSON body of `GET path?query`.
   * @throws ShowtimesRequestFailed (IMPORT_FAILED) saying which request failed and why.
   */
  abstract get(path: string, query?: SourceQuery): Promise<unknown>;
}
