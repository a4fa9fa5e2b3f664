import { SourceRequestFailed } from '../http/source-request-failed';

/**
 * A showtimes API request (or the snapshot read standing in for one) that did not produce a
 * usable payload. Code IMPORT_FAILED; the message names the request (`GET /showtimes?page=2`,
 * never the key) and why, e.g. `the showtimes API rejected the credentials (401) for GET /cinemas`.
 */
export class ShowtimesRequestFailed extends SourceRequestFailed {}
