/** The outcome of {@link parseTolerantJson}: the value, and where non-finite numbers were nulled. */
export interface TolerantJson {
  /** The parsed value, with every `NaN`, `Infinity` and `-Infinity` read as `null`. */
  value: unknown;
  /** The path of each replaced number, such as `duration_ms` or `items[2].score`. */
  paths: string[];
}

// A whole string literal (skipped, or read as a key), a structural character, or a non-finite number.
const TOKENS = /"[^"\\]*(?:\\.[^"\\]*)*"|[[\]{},]|-?Infinity|NaN/g;

/**
 * Parses JSON that may hold Python's non-standard `NaN`, `Infinity` and `-Infinity` (its
 * `json.dumps` default) outside strings. Returns `undefined` when the text has none of them or is
 * still not JSON once they are nulled. Meant for the slow path, after `JSON.parse` failed.
 *
 * @example
 * parseTolerantJson('{"a": [1, NaN]}'); // { value: { a: [1, null] }, paths: ['a[1]'] }
 */
export function parseTolerantJson(text: string): TolerantJson | undefined {
  if (!/NaN|Infinity/.test(text)) return undefined;
  const paths: string[] = [];
  // Each open container: its current key (an object, with whether a key comes next) or index.
  const stack: Array<[at: string | number, expectKey: boolean]> = [];
  try {
    const nulled = text.replace(TOKENS, (token) => {
      const top = stack[stack.length - 1];
      switch (token[0]) {
        case '"':
          if (top?.[1]) {
            top[0] = JSON.parse(token) as string;
            top[1] = false;
          }
          return token;
        case '{':
        case '[':
          stack.push(token === '{' ? ['', true] : [0, false]);
          return token;
        case '}':
        case ']':
          stack.pop();
          return token;
        case ',':
          if (typeof top?.[0] === 'number') top[0]++;
          else if (top) top[1] = true;
          return token;
      }
      paths.push(stack.reduce((path: string, [at]) => path + (typeof at === 'number' ? `[${at}]` : path ? `.${at}` : at), '') || '(value)');
      return 'null';
    });
    return paths.length === 0 ? undefined : { value: JSON.parse(nulled), paths };
  } catch {
    // A key or the whole text is not JSON even with the numbers nulled.
    return undefined;
  }
}
