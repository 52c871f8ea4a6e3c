/** The outcome of {@link parseTolerantJson}: the value, and where non-finite numbers were nulled. */
export interface TolerantJson {
  /** The parsed value, with every `NaN`, `Infinity` and `-Infinity` read as `null`. */
  value: unknown;
  /** The path of each replaced number, such as `duration_ms` or `items[2].score`. */
  paths: string[];
}

interface Container {
  /** The current key of an object, or the current index of an array. */
  at: string | number;
  isArray: boolean;
  expectKey: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Parses JSON that may hold Python's non-standard `NaN`, `Infinity` and `-Infinity` (its
 * `json.dumps` default) outside strings. Returns `undefined` when the text has none of them or is
 * still not JSON once they are nulled. Meant for the slow path, after `JSON.parse` failed.
 */
export function parseTolerantJson(text: string): TolerantJson | undefined {
  const pieces: string[] = [];
  const paths: string[] = [];
  const stack: Container[] = [];
  let copiedUpTo = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (top !== undefined && top.expectKey) {
        top.at = readKey(text.slice(i, end));
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    const token = nonFiniteAt(text, i);
    if (token !== undefined) {
      pieces.push(text.slice(copiedUpTo, i), 'null');
      paths.push(pathOf(stack));
      i += token.length;
      copiedUpTo = i;
      continue;
    }
    switch (text[i]) {
      case '{':
        stack.push({ at: '', isArray: false, expectKey: true });
        break;
      case '[':
        stack.push({ at: 0, isArray: true, expectKey: false });
        break;
      case '}':
      case ']':
        stack.pop();
        break;
      case ',': {
        const top = stack[stack.length - 1];
        if (top === undefined) break;
        if (top.isArray) top.at = (top.at as number) + 1;
        else top.expectKey = true;
        break;
      }
    }
    i++;
  }
  if (paths.length === 0) return undefined;
  pieces.push(text.slice(copiedUpTo));
  try {
    return { value: JSON.parse(pieces.join('')), paths };
  } catch {
    return undefined;
  }
}

/** The index just past the string literal that starts at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    i += code === BACKSLASH ? 2 : 1;
  }
  return text.length;
}

function nonFiniteAt(text: string, i: number): string | undefined {
  switch (text[i]) {
    case 'N':
      return text.startsWith('NaN', i) ? 'NaN' : undefined;
    case 'I':
      return text.startsWith('Infinity', i) ? 'Infinity' : undefined;
    case '-':
      return text.startsWith('-Infinity', i) ? '-Infinity' : undefined;
    default:
      return undefined;
  }
}

function readKey(literal: string): string {
  try {
    const key: unknown = JSON.parse(literal);
    return typeof key === 'string' ? key : literal;
  } catch {
    return literal;
  }
}

function pathOf(stack: readonly Container[]): string {
  let path = '';
  for (const container of stack) {
    if (container.isArray) path += `[${container.at}]`;
    else path += path === '' ? String(container.at) : `.${String(container.at)}`;
  }
  return path === '' ? '(value)' : path;
}
