import { describe, expect, it } from 'vitest';
import { toDisplayText } from '../../src/core/display-text';

describe('toDisplayText', () => {
  it('keeps a string as it is and writes anything else as JSON', () => {
    expect(toDisplayText('q=cats')).toBe('q=cats');
    expect(toDisplayText({ q: 'cats', n: [1, 2] })).toBe('{"q":"cats","n":[1,2]}');
    expect(toDisplayText(0)).toBe('0');
    expect(toDisplayText(false)).toBe('false');
  });

  it('is empty for nothing and for what JSON cannot write', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect([null, undefined, cycle, 10n, () => 1, Symbol('s')].map(toDisplayText)).toEqual(['', '', '', '', '', '']);
  });
});
