// The JSON API client of the pages: same origin, `/api` prefix, Marquee's error shape.
import { adminToken } from './admin-token.js';

/** An API answer with a 4xx/5xx status (or no answer: status 0), carrying `{ error, message, ... }`. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? (status ? `The server answered ${status}.` : 'The server could not be reached.'));
    this.status = status;
    this.code = body?.error ?? (status ? `HTTP_${status}` : 'NETWORK');
    this.body = body ?? {};
  }
}

/**
 * Calls the API: `api('/movies?q=x')`, `api('/shows/1/holds', { method: 'POST', body })`.
 * `admin: true` sends the tab's admin token; `headers` adds headers. Resolves with the parsed
 * JSON (undefined for 204). @throws ApiError for a failed request or an error status.
 */
export async function api(path, { method = 'GET', body, headers = {}, admin = false, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, signal, cache: 'no-cache' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (admin) {
    const token = adminToken();
    if (token) init.headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, {
      error: 'NETWORK',
      message: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Query string of the defined, non-empty values: `query({ q: 'x', date: '' })` → `?q=x`. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A fresh Idempotency-Key (works on plain-HTTP origins too, where crypto.randomUUID is missing). */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
