// Live seat maps: Server-Sent Events from GET /api/shows/:id/events.

/**
 * Follows the seat changes of `showId`. `onChange(reason)` runs when the stream opens or reopens
 * (`ready`: changes may have been missed) and on every change (`seats`); the caller re-reads the
 * seat map. `onStatus('live' | 'reconnecting')` tells the connection state. The browser reconnects
 * by itself. Returns a function that stops following.
 */
export function followShow(showId, { onChange, onStatus = () => {} }) {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/api/shows/${showId}/events`);
  source.addEventListener('ready', () => {
    onStatus('live');
    onChange('ready');
  });
  source.addEventListener('seats', () => onChange('seats'));
  source.addEventListener('error', () => onStatus('reconnecting'));
  const stop = () => source.close();
  window.addEventListener('pagehide', stop, { once: true });
  return stop;
}
