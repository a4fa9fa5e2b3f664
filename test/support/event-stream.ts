import { get, IncomingMessage } from 'node:http';

/** An open Server-Sent Events response and the events read from it so far (comment-only blocks included). */
export interface EventStream {
  response: IncomingMessage;
  events: { event?: string; data?: string; comment?: string; retry?: string }[];
  /** Resolves once `predicate` holds for an event read (or already read). */
  next(
    predicate: (event: EventStream['events'][number]) => boolean,
    timeoutMs?: number,
  ): Promise<EventStream['events'][number]>;
  close(): void;
}

/** Opens `url` as Server-Sent Events; resolves once the response headers arrived (any status). */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      const events: EventStream['events'] = [];
      const waiters: {
        predicate: (event: EventStream['events'][number]) => boolean;
        resolve: (event: EventStream['events'][number]) => void;
      }[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.trim()) continue;
          const event: EventStream['events'][number] = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) event.comment = line.slice(1).trim();
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
            else if (line.startsWith('retry: ')) event.retry = line.slice(7);
          }
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
        }
      });
      resolve({
        response,
        events,
        next: (predicate, timeoutMs = 10_000) =>
          new Promise((resolveEvent, rejectEvent) => {
            const seen = events.find(predicate);
            if (seen) return resolveEvent(seen);
            const timer = setTimeout(
              () => rejectEvent(new Error(`no matching event within ${timeoutMs} ms: ${JSON.stringify(events)}`)),
              timeoutMs,
            );
            waiters.push({ predicate, resolve: (event) => (clearTimeout(timer), resolveEvent(event)) });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
