import { describe, expect, it } from 'vitest';
import { formatDuration, toDurationAttribute } from '../../../src/react/components/format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [350, '350 ms'],
    [999.4, '999 ms'],
    [1000, '1.0 s'],
    [1234, '1.2 s'],
    [59_940, '59.9 s'],
    [59_960, '1 min 0 s'],
    [125_000, '2 min 5 s'],
    [-5, '0 ms'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('toDurationAttribute', () => {
  it.each([
    [1200, 'PT1.2S'],
    [350, 'PT0.35S'],
    [1234.56, 'PT1.235S'],
    [65_000, 'PT65S'],
    [-1, 'PT0S'],
  ])('%d ms is %s', (ms, value) => {
    expect(toDurationAttribute(ms)).toBe(value);
  });
});
