/**
 * A value as text to show (a tool call's arguments or output): a string as it is, anything else
 * as JSON, and `''` for `null`, `undefined` or a value JSON cannot write (a cycle, a bigint).
 *
 * @example
 * toDisplayText({ q: 'cats' }); // '{"q":"cats"}'
 */
export function toDisplayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
