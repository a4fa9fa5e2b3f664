import { VectorClock, VectorTimestampSchema } from './vector-clock';

describe('VectorClock', () => {
  it('ticks its own entry for local events and sends', () => {
    const clock = new VectorClock('1');
    expect(clock.now()).toEqual({});
    expect(clock.tick()).toEqual({ 1: 1 });
    expect(clock.tick()).toEqual({ 1: 2 });
  });

  it('merges a received vector entry-wise (maximum), then ticks', () => {
    const clock = new VectorClock('2');
    clock.tick();
    expect(clock.merge({ 1: 5, 2: 0, 3: 1 })).toEqual({ 1: 5, 2: 2, 3: 1 });
    expect(clock.merge({ 1: 3 })).toEqual({ 1: 5, 2: 3, 3: 1 }); // an older vector lowers nothing
  });

  it('compares: before, after, concurrent, equal (absent entries are 0)', () => {
    expect(VectorClock.compare({ 1: 1 }, { 1: 1, 2: 1 })).toBe('before');
    expect(VectorClock.compare({ 1: 2, 2: 1 }, { 1: 1, 2: 1 })).toBe('after');
    expect(VectorClock.compare({ 1: 2 }, { 2: 1 })).toBe('concurrent');
    expect(VectorClock.compare({ 1: 2, 2: 0 }, { 1: 2 })).toBe('equal');
  });

  it('tells a causal chain through a message from concurrent events', () => {
    const a = new VectorClock('1');
    const b = new VectorClock('2');
    const sent = a.tick(); // a sends
    const aLater = a.tick(); // a's next event, not seen by b
    const bBefore = b.tick(); // b's event before it receives
    const received = b.merge(sent);
    expect(VectorClock.compare(sent, received)).toBe('before');
    expect(VectorClock.compare(received, sent)).toBe('after');
    expect(VectorClock.compare(aLater, received)).toBe('concurrent');
    expect(VectorClock.compare(bBefore, sent)).toBe('concurrent');
    expect(VectorClock.compare(bBefore, received)).toBe('before');
  });

  it('restores its own entry after a restart and may be rekeyed only before its first event', () => {
    const clock = new VectorClock('1');
    clock.rekey('w1');
    clock.advanceOwnTo(7);
    expect(clock.tick()).toEqual({ w1: 8 });
    expect(() => clock.rekey('1')).toThrow('before its first event');
  });

  it('validates the wire shape', () => {
    expect(VectorTimestampSchema.safeParse({ 1: 3, w2: 0 }).success).toBe(true);
    expect(VectorTimestampSchema.safeParse({ 0: 1 }).success).toBe(false);
    expect(VectorTimestampSchema.safeParse({ 1: -1 }).success).toBe(false);
    expect(VectorTimestampSchema.safeParse({ 1: 1.5 }).success).toBe(false);
  });
});
