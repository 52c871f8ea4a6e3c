/**
 * The JSON text of a frame's data. JSON.stringify's rules, plus two things it refuses: a `bigint`
 * is written as its integer digits (Python's `json.dumps` writes an `int` of any size that way), and
 * a cycle is a TypeError that names where it is. What JSON.stringify already decides stays so:
 * `undefined`, functions and symbols are left out of objects (`null` in arrays), `toJSON` is used
 * (a `Date` becomes its ISO string), and `NaN`/`Infinity` become `null`, where Python writes them
 * bare: the decoded value is the same `null`, but every JSON parser can read ours.
 *
 * U+0085, U+2028 and U+2029 are written escaped: JSON allows them raw, but line splitters such as
 * Python's `str.splitlines` (the reference's tests read frames with it) would cut the data line.
 */
export function stringifyData(value: unknown, eventType: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // JSON.stringify throws a TypeError only for a bigint or a cycle (or a throwing toJSON/getter,
    // which the walk meets again): only then is the slower walk paid for.
    if (!(error instanceof TypeError)) throw error;
    text = stringifyWalk(value, eventType);
  }
  if (text === undefined) return 'null';
  // Three includes() beat one regex scan by far: V8 answers the first two at once for Latin-1 text.
  if (!text.includes('\u2028') && !text.includes('\u2029') && !text.includes('\u0085')) return text;
  return text.replace(UNSAFE_LINE_BREAKS, escapeCharacter);
}

const UNSAFE_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * JSON.stringify's algorithm (SerializeJSONProperty, without replacer or indent), with bigints as
 * digits and cycles reported with their path. Exported for the test that holds it equal to
 * JSON.stringify wherever JSON.stringify succeeds.
 */
export function stringifyWalk(value: unknown, eventType: string): string | undefined {
  const ancestors: object[] = [];
  const path: Array<string | number> = [];

  function walk(key: string, input: unknown): string | undefined {
    let value = input;
    if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = toJSON.call(value, key) as unknown;
    }
    if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) {
      value = value.valueOf();
    }
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'boolean':
        return JSON.stringify(value);
      case 'bigint':
        return value.toString();
      case 'object':
        return value === null ? 'null' : container(value);
      default:
        return undefined; // undefined, a function or a symbol
    }
  }

  function container(value: object): string {
    if (ancestors.includes(value)) {
      throw new TypeError(
        `Cannot encode event "${eventType}": its data holds a cycle at ${formatPath(path)} (JSON cannot hold cycles)`,
      );
    }
    ancestors.push(value);
    const parts: string[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        parts.push(walk(String(i), value[i] as unknown) ?? 'null');
        path.pop();
      }
    } else {
      for (const key of Object.keys(value)) {
        path.push(key);
        const text = walk(key, (value as Record<string, unknown>)[key]);
        path.pop();
        if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
      }
    }
    ancestors.pop();
    return Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
  }

  return walk('', value);
}

function formatPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += /^[A-Za-z_$][\w$]*$/.test(part) ? `${text === '' ? '' : '.'}${part}` : `[${JSON.stringify(part)}]`;
  }
  return text === '' ? 'the top level' : text;
}
