import { Logger } from '@nestjs/common';
import { BookingNotice, BookingNotices } from './booking-notices';

describe('BookingNotices', () => {
  it('tells every listener after publish returns; a listener that throws or rejects reaches no one', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const notices = new BookingNotices();
    const seen: BookingNotice[] = [];
    notices.subscribe(() => {
      throw new Error('mail queue down');
    });
    notices.subscribe(() => Promise.reject(new Error('redis timeout')));
    const unsubscribe = notices.subscribe((notice) => void seen.push(notice));
    expect(() => notices.publish({ kind: 'booked', code: '7KQ2M9XD' })).not.toThrow();
    expect(seen).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ kind: 'booked', code: '7KQ2M9XD' }]);
    expect(errors.mock.calls.map(([message]) => String(message))).toEqual([
      'after booked 7KQ2M9XD: mail queue down',
      'after booked 7KQ2M9XD: redis timeout',
    ]);
    unsubscribe();
    notices.publish({ kind: 'cancelled', code: '7KQ2M9XD' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(1);
    errors.mockRestore();
  });
});
