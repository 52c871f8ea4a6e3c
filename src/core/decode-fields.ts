import { AgentStreamError } from './errors';

/** A decoded JSON object, as the field readers see it. */
export type WireObject = Record<string, unknown>;

/** True for a JSON object (not `null`, not an array). */
export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is named in messages: its JSON kind. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `Frame "tool_use" (id 7)`: how messages name the frame they are about. */
export function frameLabel(type: string, id: string | undefined): string {
  return id === undefined ? `Frame "${type}"` : `Frame "${type}" (id ${id})`;
}

/**
 * Reads the fields of one frame's data object, snake_case first then camelCase, and collects a
 * `schema` warning for each field present with the wrong type (which then reads as its default).
 */
export class FieldReader {
  /**
   * @param warnings Where warnings go, in field order; shared with nested readers.
   * @param prefix Prepended to field names in messages, e.g. `sub_progress.`.
   */
  constructor(
    private readonly obj: WireObject,
    private readonly type: string,
    private readonly id: string | undefined,
    readonly warnings: AgentStreamError[],
    private readonly prefix = '',
  ) {}

  /** A reader for a nested object of the same frame, adding to the same warnings. */
  nested(obj: WireObject, prefix: string): FieldReader {
    return new FieldReader(obj, this.type, this.id, this.warnings, this.prefix + prefix);
  }

  /** The raw value of a field, under its wire name or its camelCase name. */
  raw(snake: string, camel: string): unknown {
    const value = this.obj[snake];
    return value === undefined ? this.obj[camel] : value;
  }

  /** A string field; absent reads as `fallback`, silently. */
  string(snake: string, camel: string, fallback: string): string {
    const value = this.raw(snake, camel);
    if (typeof value === 'string') return value;
    if (value !== undefined) this.wrongType(snake, 'a string', value, `using ${JSON.stringify(fallback)}`);
    return fallback;
  }

  /** A string field that may be `null` (not carried); absent reads as `null`. */
  nullableString(snake: string, camel: string): string | null {
    const value = this.raw(snake, camel);
    if (typeof value === 'string' || value === null) return value;
    if (value !== undefined) this.wrongType(snake, 'a string', value, 'using null');
    return null;
  }

  /**
   * A number field. `null` stays `null`: it is how a non-finite number (Python `NaN`) arrives once
   * the tolerant JSON pass has nulled it, and that pass already warned.
   */
  number(snake: string, camel: string, fallback: number | null): number | null {
    const value = this.raw(snake, camel);
    if (typeof value === 'number') {
      // JSON.parse reads an overflowing literal such as 1e400 as Infinity.
      if (Number.isFinite(value)) return value;
      this.warn(`field "${this.prefix}${snake}" is not a finite number; read as null`);
      return null;
    }
    if (value === null) return null;
    if (value !== undefined) this.wrongType(snake, 'a number', value, `using ${String(fallback)}`);
    return fallback;
  }

  /** A free-form object kept as sent; absent or `null` reads as `{}`, as Python's `details or {}`. */
  object(snake: string, camel: string): Record<string, unknown> {
    const value = this.raw(snake, camel);
    if (isWireObject(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(snake, 'an object', value, 'using {}');
    return {};
  }

  /** A free-form array kept as sent; absent or `null` reads as `[]`, as Python's `items or []`. */
  array(snake: string, camel: string): unknown[] {
    const value = this.raw(snake, camel);
    if (Array.isArray(value)) return value as unknown[];
    if (value !== undefined && value !== null) this.wrongType(snake, 'an array', value, 'using []');
    return [];
  }

  /** Records a `schema` warning about this frame. */
  warn(detail: string): void {
    this.warnings.push(
      new AgentStreamError('schema', `${frameLabel(this.type, this.id)}: ${detail}`, {
        severity: 'warning',
        eventType: this.type,
        eventId: this.id,
      }),
    );
  }

  /** Records a warning that a field had the wrong type; `outcome` says what was read instead. */
  wrongType(field: string, expected: string, value: unknown, outcome: string): void {
    this.warn(`field "${this.prefix}${field}" must be ${expected}, got ${kindOf(value)}; ${outcome}`);
  }
}

/**
 * Copies the keys of `source` that are not in `known` onto `target`, as sent. An own `__proto__`
 * key (JSON.parse creates one) is defined, not assigned, so it cannot replace the prototype.
 */
export function copyExtras(source: WireObject, target: Record<string, unknown>, known: ReadonlySet<string>): void {
  for (const key in source) {
    if (known.has(key)) continue;
    if (key === '__proto__') {
      Object.defineProperty(target, key, { value: source[key], enumerable: true, writable: true, configurable: true });
    } else {
      target[key] = source[key];
    }
  }
}

/** The set of wire names (snake_case and camelCase) a data type reads, for {@link copyExtras}. */
export function knownKeys(...names: string[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const name of names) {
    keys.add(name);
    keys.add(name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()));
  }
  return keys;
}
