import fc from 'fast-check';
import type { AgentEvent } from '../../src/core/protocol';

// Text with what could break a frame: line breaks of every kind, field-like text, quotes, BOM, emoji.
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', 'data: x', 'event: done', '\u2028', '\0', '"', '\\', 'é', '日本', '🚀', '\uFEFF'),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const nonEmpty = text.filter((s) => s !== '');
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const figure = fc.option(fc.oneof(fc.integer(), finite), { nil: null });
// Round-tripped so values are what JSON carries (jsonValue may give -0, which JSON writes as 0).
const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }).map((value): unknown => JSON.parse(JSON.stringify(value)));
const freeObject = fc.dictionary(fc.string(), json, { noNullPrototype: true, maxKeys: 4 });
// Extras cannot collide with a known wire name; Object.prototype's names are in to catch lookups by `in`.
const extraKey = fc.oneof(fc.string().map((key) => `x_${key}`), fc.constantFrom('constructor', 'toString', 'hasOwnProperty'));
const extras = fc.dictionary(extraKey, json, { noNullPrototype: true, maxKeys: 3 });
const withExtras = <T extends object>(data: fc.Arbitrary<T>) =>
  fc.tuple(data, fc.option(extras, { nil: undefined })).map(([fields, extra]) => ({ ...extra, ...fields }));

const NATIVE = ['token', 'thinking', 'tool_use', 'tool_result', 'turn', 'progress', 'creation', 'error', 'done', 'usage', 'message'];

/** Any valid decoded event, every field present, as `decodeEvent` would return it (without an id). */
export const agentEventArbitrary: fc.Arbitrary<AgentEvent> = fc.oneof(
  fc.record({ type: fc.constant('token' as const), data: withExtras(fc.record({ text })) }),
  fc.record({ type: fc.constant('thinking' as const), data: withExtras(fc.record({ text })) }),
  fc.record({
    type: fc.constant('tool_use' as const),
    data: withExtras(fc.record({ toolName: text, toolUseId: nonEmpty, inputSummary: text, status: fc.constant('running' as const) })),
  }),
  fc.record({
    type: fc.constant('tool_result' as const),
    data: withExtras(
      fc.record({
        toolName: text,
        toolUseId: nonEmpty,
        outputSummary: text,
        durationMs: figure,
        status: fc.constantFrom('done' as const, 'error' as const),
      }),
    ),
  }),
  fc.record({ type: fc.constant('turn' as const), data: withExtras(fc.record({ turnNumber: figure, totalTools: figure })) }),
  fc.record({
    type: fc.constant('progress' as const),
    data: withExtras(
      fc.record(
        {
          step: text,
          percentage: figure,
          message: text,
          subProgress: withExtras(fc.record({ current: figure, total: figure, itemTitle: text }, { requiredKeys: [] })),
        },
        { requiredKeys: ['step', 'percentage', 'message'] },
      ),
    ),
  }),
  fc.record({
    type: fc.constant('creation' as const),
    data: withExtras(fc.record({ creationType: text, count: figure, toolUseId: text, items: fc.array(freeObject, { maxLength: 3 }) })),
  }),
  fc.record({ type: fc.constant('error' as const), data: withExtras(fc.record({ errorType: text, message: text, details: freeObject })) }),
  fc.record({
    type: fc.constant('done' as const),
    data: withExtras(
      fc.record({ messageId: text, numTurns: figure, toolCount: figure, durationMs: figure, model: text, totalCostUsd: figure }),
    ),
  }),
  fc.record({
    type: fc.constant('usage' as const),
    data: withExtras(
      fc.record({ inputTokens: figure, outputTokens: figure, totalCostUsd: figure, model: fc.option(text, { nil: null }) }),
    ),
  }),
  fc.record({
    type: fc.constant('custom' as const),
    data: fc.record({
      type: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,12}$/).filter((t) => !NATIVE.includes(t)),
      data: json,
    }),
  }),
);

// An id line goes through UTF-8 as it is, so it must be well-formed (no lone surrogate).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A valid, non-empty event id: no CR, LF, NUL or lone surrogate. */
export const eventIdArbitrary = fc
  .string({ unit: 'binary' })
  .filter((s) => s !== '' && !/[\r\n\0]/.test(s) && !LONE_SURROGATE.test(s));
