import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenBatcher } from '../../src/server/batcher';

/** A clock the test moves by hand, in ms. */
function manualClock(start = 1000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('TokenBatcher, the reference tests (seed 000, tests/test_batcher.py)', () => {
  it('add below the interval returns null', () => {
    const batcher = new TokenBatcher(200, manualClock());
    expect(batcher.add('hello')).toBeNull();
  });

  it('add above the interval returns the batch (0 ms: always flush)', () => {
    const batcher = new TokenBatcher(0, manualClock());
    expect(batcher.add('hello')).toBe('hello');
  });

  it('flush returns the accumulated text', () => {
    const batcher = new TokenBatcher(200, manualClock());
    batcher.add('foo');
    batcher.add('bar');
    expect(batcher.flush()).toBe('foobar');
  });

  it('flush on an empty batcher returns null', () => {
    expect(new TokenBatcher(undefined, manualClock()).flush()).toBeNull();
  });

  it('flush clears the buffer', () => {
    const batcher = new TokenBatcher(200, manualClock());
    batcher.add('x');
    batcher.flush();
    expect(batcher.flush()).toBeNull();
  });

  it('hasContent is false when empty', () => {
    expect(new TokenBatcher(undefined, manualClock()).hasContent).toBe(false);
  });

  it('hasContent is true after add', () => {
    const batcher = new TokenBatcher(200, manualClock());
    batcher.add('x');
    expect(batcher.hasContent).toBe(true);
  });

  it('multiple adds are batched', () => {
    const batcher = new TokenBatcher(200, manualClock());
    for (const ch of ['a', 'b', 'c']) batcher.add(ch);
    expect(batcher.flush()).toBe('abc');
  });
});

describe('TokenBatcher clock', () => {
  it('measures the interval from construction and flushes once it has fully elapsed (>=)', () => {
    const clock = manualClock();
    const batcher = new TokenBatcher(50, clock);
    clock.advance(49.9);
    expect(batcher.add('a')).toBeNull();
    clock.advance(0.1);
    expect(batcher.add('b')).toBe('ab');
    expect(batcher.hasContent).toBe(false);
  });

  it('measures the next interval from the last flush, whoever called it', () => {
    const clock = manualClock();
    const batcher = new TokenBatcher(50, clock);
    clock.advance(60);
    expect(batcher.add('a')).toBe('a');
    clock.advance(30);
    expect(batcher.add('b')).toBeNull();
    clock.advance(19);
    expect(batcher.add('c')).toBeNull();
    clock.advance(1);
    expect(batcher.add('d')).toBe('bcd');
    clock.advance(40);
    batcher.add('e');
    expect(batcher.flush()).toBe('e'); // a manual flush at t+40 restarts the interval
    clock.advance(49);
    expect(batcher.add('f')).toBeNull();
    clock.advance(1);
    expect(batcher.add('g')).toBe('fg');
  });

  it('does not restart the interval on a flush that found nothing', () => {
    const clock = manualClock();
    const batcher = new TokenBatcher(50, clock);
    clock.advance(40);
    expect(batcher.flush()).toBeNull();
    clock.advance(10);
    expect(batcher.add('a')).toBe('a');
  });

  it('batches a fast stream into one frame per interval', () => {
    const clock = manualClock();
    const batcher = new TokenBatcher(50, clock);
    const batches: string[] = [];
    for (let i = 0; i < 100; i++) {
      clock.advance(5);
      const text = batcher.add(`${i % 10}`);
      if (text !== null) batches.push(text);
    }
    const rest = batcher.flush();
    if (rest !== null) batches.push(rest);
    expect(batches).toStrictEqual(Array.from({ length: 10 }, () => '0123456789'));
  });

  it('treats an added empty string as content, as the reference list does', () => {
    const batcher = new TokenBatcher(200, manualClock());
    batcher.add('');
    expect(batcher.hasContent).toBe(true);
    expect(batcher.flush()).toBe('');
    expect(batcher.hasContent).toBe(false);
    expect(batcher.flush()).toBeNull();
  });

  it('flushes only on flush() with an interval of Infinity', () => {
    const clock = manualClock();
    const batcher = new TokenBatcher(Infinity, clock);
    clock.advance(1e12);
    expect(batcher.add('a')).toBeNull();
    expect(batcher.flush()).toBe('a');
  });

  it('keeps astral characters and line breaks intact across batches', () => {
    const batcher = new TokenBatcher(0, manualClock());
    expect(batcher.add('🚀\r\n\u2028𝄞')).toBe('🚀\r\n\u2028𝄞');
  });
});

describe('TokenBatcher defaults and bad input', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('uses performance.now and a 50 ms interval by default', () => {
    let time = 500;
    vi.spyOn(performance, 'now').mockImplementation(() => time);
    const batcher = new TokenBatcher();
    time = 549;
    expect(batcher.add('a')).toBeNull();
    time = 550;
    expect(batcher.add('b')).toBe('ab');
  });

  it('refuses an interval that is negative or not a number', () => {
    for (const interval of [-1, Number.NaN, '50' as unknown as number]) {
      expect(() => new TokenBatcher(interval)).toThrow(RangeError);
    }
  });

  it('refuses a token that is not a string', () => {
    const batcher = new TokenBatcher(50, manualClock());
    expect(() => batcher.add(42 as unknown as string)).toThrow(new TypeError('TokenBatcher.add: text must be a string, got number'));
    expect(batcher.hasContent).toBe(false);
  });
});
