import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, resolveRetryOptions } from '../../src/core/retry';

describe('isRetryableStatus', () => {
  it('retries 5xx, 408 and 429 only', () => {
    expect([500, 502, 503, 504, 408, 429].map(isRetryableStatus)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 409, 410, 422].map(isRetryableStatus)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure from the base, with half of it random', () => {
    expect(backoffDelay(1, 1000, 30_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffDelay(2, 1000, 30_000, () => 0)).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, () => 0.5)).toBe(3000);
  });

  it('never exceeds maxDelayMs', () => {
    expect(backoffDelay(20, 1000, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(20, 1000, 30_000, () => 0)).toBe(15_000);
  });

  it('stays within [ceiling / 2, ceiling] with the real Math.random', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(3, 100, 10_000);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, a past date being 0', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now)).toBe(0);
  });

  it('gives null for absent or unreadable values, including numbers V8 would read as dates', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
  });
});

describe('resolveRetryOptions', () => {
  it('fills defaults and rejects negative or non-finite values', () => {
    expect(resolveRetryOptions()).toEqual(DEFAULT_RETRY);
    expect(resolveRetryOptions({ maxRetries: 0, baseDelayMs: 10 })).toEqual({ maxRetries: 0, baseDelayMs: 10, maxDelayMs: 30_000 });
    expect(resolveRetryOptions({ maxRetries: -1, baseDelayMs: Number.NaN, maxDelayMs: Infinity })).toEqual(DEFAULT_RETRY);
  });
});
