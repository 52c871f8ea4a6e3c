/**
 * JSON as Python's `json` module reads and writes it, so a recording written or replayed here has
 * the bytes the reference's recorder and replay produce. `JSON.parse` cannot serve: it forgets
 * whether a number was `0` or `0.0`, rejects the bare `NaN` and `Infinity` Python writes, and moves
 * integer-like keys to the front of an object.
 */

/** A JSON value as Python's `json.loads` returns it; objects keep their key order, like a dict. */
export type PyJson = null | boolean | string | PyInt | PyFloat | PyJson[] | PyObject;

/** A dict: the last of duplicate keys wins, at the place of the first, as in Python. */
export type PyObject = Map<string, PyJson>;

/** A number written without a fraction or exponent: a Python `int`, exact at any size. */
export interface PyInt {
  readonly kind: 'int';
  /** The digits, with a leading `-` for a negative value. */
  readonly digits: string;
}

/** A number written with a fraction or exponent, or `NaN`/`Infinity`: a Python `float`. */
export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
}

/** A Python `float` holding `value`. */
export const pyFloat = (value: number): PyFloat => ({ kind: 'float', value });

/** The number a {@link PyInt} or {@link PyFloat} holds, or `undefined` for any other value. */
export function pyNumber(value: PyJson | undefined): number | undefined {
  if (!isPyNumber(value)) return undefined;
  return value.kind === 'int' ? Number(value.digits) : value.value;
}

function isPyNumber(value: PyJson | undefined): value is PyInt | PyFloat {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

/**
 * Parses one JSON text as Python's `json.loads` does (its defaults: `NaN`, `Infinity` and
 * `-Infinity` accepted, control characters inside strings refused, duplicate keys last-wins).
 *
 * @throws SyntaxError naming the column of the first character that is not JSON.
 */
export function parsePyJson(text: string): PyJson {
  const reader = new Reader(text);
  reader.skipSpace();
  const value = reader.value();
  reader.skipSpace();
  if (reader.pos < text.length) reader.fail('unexpected data after the JSON value');
  return value;
}

/**
 * Writes a value as Python's `json.dumps(value)` does with its defaults: ASCII only (`\uXXXX`
 * escapes, astral characters as surrogate pairs), `", "` and `": "` separators, floats in
 * `repr` form (`0.0`, `1e+16`, `NaN`).
 */
export function dumpsPyJson(value: PyJson): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(dumpsPyJson).join(', ')}]`;
  if (value instanceof Map) {
    const items: string[] = [];
    for (const [key, item] of value) items.push(`${pyString(key)}: ${dumpsPyJson(item)}`);
    return `{${items.join(', ')}}`;
  }
  if (value.kind === 'float') return pyFloatRepr(value.value);
  // int('-0') is 0; JSON allows no other non-canonical integer.
  return value.digits === '-0' ? '0' : value.digits;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

// Python's ESCAPE_ASCII: everything outside printable ASCII, plus the quote and the backslash.
// JavaScript strings are UTF-16, so an astral character is already the surrogate pair Python writes.
const NEEDS_ESCAPE = /["\\]|[^ -~]/g;

function pyString(text: string): string {
  const escaped = text.replace(
    NEEDS_ESCAPE,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

/** Python's `float.__repr__`: the shortest digits that read back, scientific below 1e-4 and from 1e16. */
function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '', exponentText = ''] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const point = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${point}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  if (digits.length <= whole) return `${sign}${digits}${'0'.repeat(whole - digits.length)}.0`;
  return `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPED: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(problem: string): never {
    throw new SyntaxError(`${problem} at column ${this.pos + 1}`);
  }

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const char = text[this.pos];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.pos++;
    }
  }

  value(): PyJson {
    const { text } = this;
    const char = text[this.pos];
    switch (char) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
    }
    for (const [word, value] of WORDS) {
      if (text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(text);
    if (match === null) this.fail(char === undefined ? 'unexpected end of JSON' : `unexpected ${JSON.stringify(char)}`);
    this.pos += match[0].length;
    return match[1] === undefined && match[2] === undefined ? { kind: 'int', digits: match[0] } : pyFloat(Number(match[0]));
  }

  object(): PyObject {
    const map: PyObject = new Map();
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return map;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('expected a property name in double quotes');
      const key = this.string();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      map.set(key, this.value());
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return map;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  array(): PyJson[] {
    const items: PyJson[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  string(): string {
    const { text } = this;
    const pieces: string[] = [];
    let start = ++this.pos;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code < 0x20) this.fail('control character in a string');
      if (code === 0x22) break;
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      pieces.push(text.slice(start, this.pos));
      const escape = text[this.pos + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!HEX4.test(hex)) this.fail('invalid \\u escape');
        pieces.push(String.fromCharCode(parseInt(hex, 16)));
        this.pos += 6;
      } else {
        const char = ESCAPED[escape];
        if (char === undefined) this.fail('invalid escape');
        pieces.push(char);
        this.pos += 2;
      }
      start = this.pos;
    }
    pieces.push(text.slice(start, this.pos));
    this.pos++;
    return pieces.join('');
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail(`expected ${JSON.stringify(char)}`);
    this.pos++;
  }
}

// Python's scanner tries these before numbers; `-Infinity` is one token.
const WORDS: ReadonlyArray<readonly [string, PyJson]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', pyFloat(NaN)],
  ['Infinity', pyFloat(Infinity)],
  ['-Infinity', pyFloat(-Infinity)],
];
