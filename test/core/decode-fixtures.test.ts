import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/core/decode';
import type { AgentStreamError } from '../../src/core/errors';
import type { AgentEvent } from '../../src/core/protocol';
import { createSSEByteParser } from '../../src/core/sse-parser';
import { randomPoints, splitAt, splitEvery } from '../helpers/chunks';
import { agentEventArbitrary } from '../helpers/event-arbitrary';
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

// An id line goes through UTF-8 as it is, so it must be well-formed (no lone surrogate).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const idText = fc.string({ unit: 'binary' }).filter((s) => s !== '' && !/[\r\n\0]/.test(s) && !LONE_SURROGATE.test(s));
const nativeEvent = agentEventArbitrary;

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
