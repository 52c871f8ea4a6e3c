import { describe, expect, it } from 'vitest';
import { formatDuration, toDurationAttribute } from '../../../src/react/components/format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [350, '350 ms'],
    [999.4, '999 ms'],
    [1000, '1.0 sec'],
    [1234, '1.2 sec'],
    [59_940, '59.9 sec'],
    [59_960, '1 min 0 sec'],
    [125_000, '2 min 5 sec'],
    [-5, '0 ms'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('speaks the given locale', () => {
    expect(formatDuration(1234, 'de')).toBe('1,2 Sek.');
    expect(formatDuration(125_000, 'fr').replace(/\s/g, ' ')).toBe('2 min 5 s');
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
