import { LamportClock } from './lamport-clock';

describe('LamportClock (Lamport 1978)', () => {
  it('ticks by one for local events and sends', () => {
    const clock = new LamportClock();
    expect([clock.tick(), clock.tick(), clock.now()]).toEqual([1, 2, 2]);
  });

  it('on receive jumps past a larger remote timestamp', () => {
    const clock = new LamportClock(3);
    expect(clock.merge(10)).toBe(11);
  });

  it('on receive of a smaller timestamp still advances by one', () => {
    const clock = new LamportClock(7);
    expect(clock.merge(2)).toBe(8);
  });

  it('keeps the happened-before order along a message chain across three clocks', () => {
    const [a, b, c] = [new LamportClock(), new LamportClock(5), new LamportClock(1)];
    const sent = a.tick();
    const atB = b.merge(sent);
    const forwarded = b.tick();
    const atC = c.merge(forwarded);
    expect(sent).toBeLessThan(atB);
    expect(atB).toBeLessThan(forwarded);
    expect(forwarded).toBeLessThan(atC);
  });

  it('never moves backwards when advanced to an older floor', () => {
    const clock = new LamportClock(9);
    clock.advanceTo(4);
    expect(clock.now()).toBe(9);
    clock.advanceTo(12);
    expect(clock.tick()).toBe(13);
  });

  it('orders (timestamp, node id) pairs totally, node id breaking ties', () => {
    const events = [
      { lamportTs: 4, nodeId: 2 },
      { lamportTs: 3, nodeId: 9 },
      { lamportTs: 4, nodeId: 1 },
    ];
    expect([...events].sort(LamportClock.compare)).toEqual([
      { lamportTs: 3, nodeId: 9 },
      { lamportTs: 4, nodeId: 1 },
      { lamportTs: 4, nodeId: 2 },
    ]);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('refuses the bad timestamp %p', (value) => {
    expect(() => new LamportClock().merge(value)).toThrow(RangeError);
  });
});
