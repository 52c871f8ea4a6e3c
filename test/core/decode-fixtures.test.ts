import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/core/decode';
import type { AgentStreamError } from '../../src/core/errors';
import type { AgentEvent } from '../../src/core/protocol';
import { createSSEByteParser } from '../../src/core/sse-parser';
import { randomPoints, splitAt, splitEvery } from '../helpers/chunks';
import { mulberry32, randomInt } from '../helpers/prng';
import { encodeSSE } from '../helpers/sse-encode';

// Golden files written by the Python reference emitter (test/fixtures/generate.py).
const FIXTURES = new URL('../fixtures/reference/', import.meta.url);
const readFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const expected = JSON.parse(readFixture('expected.json')) as { events: AgentEvent[]; warningEvents: number[] };

interface Decoded {
  events: AgentEvent[];
  warnings: (readonly AgentStreamError[])[];
  errors: AgentStreamError[];
  heartbeats: number;
  retries: number[];
}

function decodeChunks(chunks: readonly Uint8Array[]): Decoded {
  const out: Decoded = { events: [], warnings: [], errors: [], heartbeats: 0, retries: [] };
  const parser = createSSEByteParser({
    onFrame(frame) {
      const result = decodeEvent(frame);
      if (result === null) out.heartbeats++;
      else if (result.ok) {
        out.events.push(result.event);
        out.warnings.push(result.warnings);
      } else out.errors.push(result.error);
    },
    onRetry: (ms) => out.retries.push(ms),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return out;
}

/** The fixture's frames, each without its terminating blank line. */
function framesOf(text: string): string[] {
  return text.split('\n\n').filter((frame) => frame !== '');
}

interface Variant {
  name: string;
  rewrite(text: string): string;
  events(events: AgentEvent[]): AgentEvent[];
  heartbeats: number;
  retries: number;
}

const same = (events: AgentEvent[]): AgentEvent[] => events;
const withIds = (events: AgentEvent[]): AgentEvent[] => events.map((event, i) => ({ ...event, id: String(i + 1) }));
const interleave = (text: string): string =>
  framesOf(text)
    .map((frame) => `: keep-alive\n\n${frame}\n\ndata:\n\n:\nevent: token\ndata:\n\n`)
    .join('');
const addRetries = (text: string): string =>
  framesOf(text)
    .map((frame) => `retry: 1500\n${frame}\n\n`)
    .join('');
const addIds = (text: string): string =>
  framesOf(text)
    .map((frame, i) => `id: ${i + 1}\n${frame}\n\n`)
    .join('');

const FRAME_COUNT = expected.events.length;

const VARIANTS: Variant[] = [
  { name: 'LF (as written)', rewrite: (t) => t, events: same, heartbeats: 0, retries: 0 },
  { name: 'CRLF', rewrite: (t) => t.replaceAll('\n', '\r\n'), events: same, heartbeats: 0, retries: 0 },
  { name: 'CR', rewrite: (t) => t.replaceAll('\n', '\r'), events: same, heartbeats: 0, retries: 0 },
  { name: 'BOM', rewrite: (t) => `\uFEFF${t}`, events: same, heartbeats: 0, retries: 0 },
  { name: 'comments and heartbeats', rewrite: interleave, events: same, heartbeats: 2 * FRAME_COUNT, retries: 0 },
  { name: 'retry lines', rewrite: addRetries, events: same, heartbeats: 0, retries: FRAME_COUNT },
  { name: 'id lines', rewrite: addIds, events: withIds, heartbeats: 0, retries: 0 },
  {
    name: 'BOM, CRLF, ids, retries and heartbeats together',
    rewrite: (t) => `\uFEFF${interleave(addRetries(addIds(t))).replaceAll('\n', '\r\n')}`,
    events: withIds,
    heartbeats: 2 * FRAME_COUNT,
    retries: FRAME_COUNT,
  },
];

function expectFixture(result: Decoded, variant: Variant): void {
  expect(result.errors).toStrictEqual([]);
  expect(result.events).toStrictEqual(variant.events(expected.events));
  const flagged = new Set(expected.warningEvents);
  result.warnings.forEach((warnings, i) => {
    expect(warnings, `warnings of event ${i}`).toHaveLength(flagged.has(i) ? 1 : 0);
    for (const warning of warnings) {
      expect(warning).toMatchObject({ code: 'schema', severity: 'warning', eventType: expected.events[i]?.type });
    }
  });
  expect(result.heartbeats).toBe(variant.heartbeats);
  expect(result.retries).toHaveLength(variant.retries);
}

const encoder = new TextEncoder();

describe.each([
  { fixture: 'stream.sse', seed: 1 },
  { fixture: 'stream-utf8.sse', seed: 1001 },
])('golden fixture $fixture', ({ fixture, seed }) => {
  const text = readFixture(fixture);

  it('covers every event the Python reference wrote, with NaN/Infinity warnings flagged', () => {
    expect(framesOf(text)).toHaveLength(FRAME_COUNT);
    expect(expected.warningEvents.length).toBeGreaterThan(0);
  });

  describe.each(VARIANTS)('$name', (variant) => {
    const bytes = encoder.encode(variant.rewrite(text));

    it('decodes fed whole', () => {
      expectFixture(decodeChunks([bytes]), variant);
    });

    it('decodes fed one byte at a time', () => {
      expectFixture(decodeChunks(splitEvery(bytes, 1)), variant);
    });

    it('decodes at 50 seeded random sets of split points', () => {
      const random = mulberry32(seed);
      for (let run = 0; run < 50; run++) {
        const points = randomPoints(random, bytes.length, 1 + randomInt(random, 64));
        expectFixture(decodeChunks(splitAt(bytes, points)), variant);
      }
    });
  });
});

describe('raw UTF-8 fixture split inside multi-byte sequences', () => {
  const bytes = encoder.encode(readFixture('stream-utf8.sse'));
  // UTF-8 continuation bytes are 10xxxxxx: a cut before one lands inside a character.
  const insideCharacter = [...bytes.keys()].filter((i) => ((bytes[i] ?? 0) & 0xc0) === 0x80);
  const lf = VARIANTS[0] as Variant;

  it('has multi-byte characters of 2, 3 and 4 bytes', () => {
    const leads = new Set([...bytes].filter((b) => b >= 0xc0).map((b) => (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2)));
    expect(leads).toStrictEqual(new Set([2, 3, 4]));
  });

  it('decodes when cut once inside any character', () => {
    for (const cut of insideCharacter) expectFixture(decodeChunks(splitAt(bytes, [cut])), lf);
  });

  it('decodes when cut inside every character at once', () => {
    expectFixture(decodeChunks(splitAt(bytes, insideCharacter)), lf);
  });
});

// Arbitraries for valid native events, in decoded (camelCase) form with every field present.
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', 'data: x', '\u2028', '\0', '"', '\\', 'é', '日本', '🚀', '\uFEFF'),
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
// Extras get an `x_` prefix so they cannot collide with a known wire name.
const extras = fc.dictionary(fc.string().map((key) => `x_${key}`), json, { noNullPrototype: true, maxKeys: 3 });
const withExtras = <T extends object>(data: fc.Arbitrary<T>) =>
  fc.tuple(data, fc.option(extras, { nil: undefined })).map(([fields, extra]) => ({ ...extra, ...fields }));
// An id line goes through UTF-8 as it is, so it must be well-formed (no lone surrogate).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const idText = fc.string({ unit: 'binary' }).filter((s) => s !== '' && !/[\r\n\0]/.test(s) && !LONE_SURROGATE.test(s));

const nativeEvent: fc.Arbitrary<AgentEvent> = fc.oneof(
  fc.record({ type: fc.constant('token' as const), data: fc.record({ text }) }),
  fc.record({ type: fc.constant('thinking' as const), data: fc.record({ text }) }),
  fc.record({
    type: fc.constant('tool_use' as const),
    data: withExtras(
      fc.record({ toolName: text, toolUseId: nonEmpty, inputSummary: text, status: fc.constant('running' as const) }),
    ),
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
  fc.record({
    type: fc.constant('turn' as const),
    data: withExtras(fc.record({ turnNumber: figure, totalTools: figure })),
  }),
  fc.record({
    type: fc.constant('progress' as const),
    data: withExtras(
      fc.record(
        {
          step: text,
          percentage: figure,
          message: text,
          subProgress: withExtras(
            fc.record({ current: figure, total: figure, itemTitle: text }, { requiredKeys: [] }),
          ),
        },
        { requiredKeys: ['step', 'percentage', 'message'] },
      ),
    ),
  }),
  fc.record({
    type: fc.constant('creation' as const),
    data: withExtras(
      fc.record({ creationType: text, count: figure, toolUseId: text, items: fc.array(freeObject, { maxLength: 3 }) }),
    ),
  }),
  fc.record({
    type: fc.constant('error' as const),
    data: withExtras(fc.record({ errorType: text, message: text, details: freeObject })),
  }),
  fc.record({
    type: fc.constant('done' as const),
    data: withExtras(
      fc.record({
        messageId: text,
        numTurns: figure,
        toolCount: figure,
        durationMs: figure,
        model: text,
        totalCostUsd: figure,
      }),
    ),
  }),
  fc.record({
    type: fc.constant('usage' as const),
    data: withExtras(
      fc.record({
        inputTokens: figure,
        outputTokens: figure,
        totalCostUsd: figure,
        model: fc.option(text, { nil: null }),
      }),
    ),
  }),
  fc.record({
    type: fc.constant('custom' as const),
    data: fc.record({
      type: fc
        .stringMatching(/^[a-z][a-z0-9_.-]{0,12}$/)
        .filter((t) => !['token', 'thinking', 'tool_use', 'tool_result', 'turn', 'progress', 'creation', 'error', 'done', 'usage'].includes(t)),
      data: json,
    }),
  }),
);

describe('encode, split anywhere, parse and decode', () => {
  it('returns the same events for any event list, ids and chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nativeEvent, fc.option(idText, { nil: undefined })), { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, asciiOnly, rawPoints) => {
          const stream = items.map(([event, id]) => encodeSSE(event, { id, asciiOnly })).join('');
          const bytes = encoder.encode(stream);
          const result = decodeChunks(splitAt(bytes, rawPoints.map((p) => p % (bytes.length + 1))));
          const events = items.map(([event, id]) => (id === undefined ? event : { ...event, id }));
          expect(result.errors).toStrictEqual([]);
          expect(result.warnings.flat()).toStrictEqual([]);
          // toEqual, not toStrictEqual: fast-check builds some objects with a null prototype.
          expect(result.events).toEqual(events);
        },
      ),
      { numRuns: 300 },
    );
  });
});
