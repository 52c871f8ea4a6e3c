import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/core/decode';
import type { AgentEvent, SSEFrame } from '../../src/core/protocol';
import { createSSEByteParser } from '../../src/core/sse-parser';
import { encodeComment, encodeEvent } from '../../src/server/encode';
import { splitAt } from '../helpers/chunks';
import { agentEventArbitrary, eventIdArbitrary } from '../helpers/event-arbitrary';
import { ev } from '../helpers/events';

const utf8 = new TextEncoder();
// The decoder reads camelCase too, so a round trip alone would not notice a missing rename.
const CAMEL_NAMES = /"(toolName|toolUseId|inputSummary|outputSummary|durationMs|turnNumber|totalTools|subProgress|itemTitle|creationType|errorType|messageId|numTurns|toolCount|totalCostUsd|inputTokens|outputTokens)":/;

function parseFrames(chunks: readonly Uint8Array[]): { frames: SSEFrame[]; ids: string[] } {
  const frames: SSEFrame[] = [];
  const ids: string[] = [];
  const parser = createSSEByteParser({ onFrame: (frame) => frames.push(frame), onId: (id) => ids.push(id) });
  for (const chunk of chunks) parser.feed(chunk);
  return { frames, ids };
}

function roundTrip(stream: string, points: readonly number[] = []): AgentEvent[] {
  const bytes = utf8.encode(stream);
  return parseFrames(splitAt(bytes, points)).frames.map((frame) => {
    const result = decodeEvent(frame);
    if (result === null || !result.ok) throw new Error(`frame did not decode: ${JSON.stringify(frame)}`);
    expect(result.warnings).toStrictEqual([]);
    return result.event;
  });
}

describe('encodeEvent', () => {
  it('writes the reference format with snake_case fields', () => {
    expect(encodeEvent(ev.toolUse('tu_1', 'search', 'query=foo'))).toBe(
      'event: tool_use\ndata: {"tool_name":"search","tool_use_id":"tu_1","input_summary":"query=foo","status":"running"}\n\n',
    );
    expect(encodeEvent(ev.done({ messageId: 'msg_1', numTurns: 3, toolCount: 7, durationMs: 4200, model: 'm', totalCostUsd: 0.5 }))).toBe(
      'event: done\ndata: {"message_id":"msg_1","num_turns":3,"tool_count":7,"duration_ms":4200,"model":"m","total_cost_usd":0.5}\n\n',
    );
  });

  it('puts the id line first when an id is given', () => {
    expect(encodeEvent(ev.token('Hi'), { id: '7' })).toBe('id: 7\nevent: token\ndata: {"text":"Hi"}\n\n');
  });

  it('renames sub_progress and its item_title, keeping extras as they are', () => {
    const frame = encodeEvent({
      type: 'progress',
      data: { step: 'synthesis', percentage: 50, message: 'Processing', subProgress: { current: 3, total: 10, itemTitle: 'Interview 3', stage: 'b' }, extraKey: 1 },
    });
    expect(JSON.parse(frame.split('\ndata: ')[1]!)).toStrictEqual({
      step: 'synthesis',
      percentage: 50,
      message: 'Processing',
      sub_progress: { current: 3, total: 10, item_title: 'Interview 3', stage: 'b' },
      extraKey: 1,
    });
  });

  it('writes a custom event with its own type and data', () => {
    expect(encodeEvent(ev.custom('citation', { url: 'https://example.com' }))).toBe(
      'event: citation\ndata: {"url":"https://example.com"}\n\n',
    );
  });

  it('keeps every line break inside the one data line', () => {
    const frame = encodeEvent(ev.token('a\nb\r\nc\rd\u2028'));
    expect(frame.split('\n')).toHaveLength(4);
    expect(roundTrip(frame)).toStrictEqual([ev.token('a\nb\r\nc\rd\u2028')]);
  });

  it('writes an own __proto__ extra as data, not as a prototype', () => {
    const data = JSON.parse('{"errorType":"x","message":"m","details":{},"__proto__":{"polluted":true}}') as AgentEvent['data'];
    const frame = encodeEvent({ type: 'error', data } as AgentEvent);
    expect(frame).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses ids and custom types that could not be read back', () => {
    expect(() => encodeEvent(ev.token('x'), { id: 'a\nb' })).toThrow(TypeError);
    expect(() => encodeEvent(ev.token('x'), { id: 'a\0b' })).toThrow(TypeError);
    expect(() => encodeEvent(ev.custom('a\rb', {}))).toThrow(TypeError);
  });

  it('decodes back to the same event for any event, id and byte split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(agentEventArbitrary, fc.option(eventIdArbitrary, { nil: undefined })), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, rawPoints) => {
          const stream = items.map(([event, id]) => encodeEvent(event, id === undefined ? undefined : { id })).join('');
          const length = utf8.encode(stream).length;
          const events = roundTrip(stream, rawPoints.map((p) => p % (length + 1)));
          for (const [event] of items) {
            if (event.type !== 'custom') expect(encodeEvent(event)).not.toMatch(CAMEL_NAMES);
          }
          // toEqual: fast-check builds some objects with a null prototype.
          expect(events).toEqual(items.map(([event, id]) => (id === undefined ? event : { ...event, id })));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('covers every native event type in the round trip', () => {
    const types = new Set(fc.sample(agentEventArbitrary, { numRuns: 500, seed: 1 }).map((event) => event.type));
    expect([...types].sort()).toStrictEqual(
      ['creation', 'custom', 'done', 'error', 'progress', 'thinking', 'token', 'tool_result', 'tool_use', 'turn', 'usage'],
    );
  });
});

describe('encodeComment', () => {
  it('writes a comment frame that clients ignore', () => {
    expect(encodeComment('keep-alive')).toBe(': keep-alive\n\n');
    const { frames } = parseFrames([utf8.encode(encodeComment('a\nb\r\nevent: token\rdata: {"text":"x"}') + encodeEvent(ev.token('y')))]);
    expect(frames).toStrictEqual([{ event: 'token', data: '{"text":"y"}' }]);
  });
});
