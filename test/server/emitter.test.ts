import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/core/decode';
import type { AgentEvent } from '../../src/core/protocol';
import { createSSEParser } from '../../src/core/sse-parser';
import { AgentStreamEmitter } from '../../src/server/emitter';
import { stringifyWalk } from '../../src/server/json';

/** The seed's pytest `_parse`: first line `event: X`, second line `data: {...}`. */
function parse(sse: string): [string, Record<string, unknown>] {
  const lines = sse.trim().split(/\r\n|\r|\n/);
  const event = lines[0]!.replace(/^event: /, '');
  const data = JSON.parse(lines[1]!.replace(/^data: /, '')) as Record<string, unknown>;
  return [event, data];
}

/** The frame decoded by our client, which must find no fault with it. */
function decoded(sse: string): AgentEvent {
  const frames: Array<{ event?: string; data: string; id?: string }> = [];
  createSSEParser({ onFrame: (frame) => frames.push(frame) }).feed(sse);
  expect(frames).toHaveLength(1);
  const result = decodeEvent(frames[0]!);
  if (result === null || !result.ok) throw new Error(`did not decode: ${sse}`);
  expect(result.warnings).toStrictEqual([]);
  return result.event;
}

describe('AgentStreamEmitter, the reference tests (seed 000, tests/test_emitter.py)', () => {
  const emitter = new AgentStreamEmitter();

  it('token', () => {
    const [ev, data] = parse(emitter.token('hello'));
    expect(ev).toBe('token');
    expect(data.text).toBe('hello');
  });

  it('thinking', () => {
    const [ev, data] = parse(emitter.thinking('step 1: consider X'));
    expect(ev).toBe('thinking');
    expect(data.text).toBe('step 1: consider X');
  });

  it('tool_use', () => {
    const [ev, data] = parse(emitter.toolUse('search', 'tu_123', 'query=foo'));
    expect(ev).toBe('tool_use');
    expect(data.tool_name).toBe('search');
    expect(data.tool_use_id).toBe('tu_123');
    expect(data.input_summary).toBe('query=foo');
    expect(data.status).toBe('running');
  });

  it('tool_result success', () => {
    const [ev, data] = parse(emitter.toolResult('search', 'tu_123', '3 results', 42));
    expect(ev).toBe('tool_result');
    expect(data.status).toBe('done');
    expect(data.duration_ms).toBe(42);
  });

  it('tool_result error', () => {
    const [ev, data] = parse(emitter.toolResult('search', 'tu_123', undefined, undefined, true));
    expect(ev).toBe('tool_result');
    expect(data.status).toBe('error');
  });

  it('turn', () => {
    const [ev, data] = parse(emitter.turn(2, 5));
    expect(ev).toBe('turn');
    expect(data.turn_number).toBe(2);
    expect(data.total_tools).toBe(5);
  });

  it('progress', () => {
    const [ev, data] = parse(emitter.progress('synthesis', 40, 'Extracting insights'));
    expect(ev).toBe('progress');
    expect(data.percentage).toBe(40);
  });

  it('progress with sub_progress', () => {
    const [, data] = parse(emitter.progress('synthesis', 50, 'Processing', { current: 3, total: 10, itemTitle: 'Interview 3' }));
    expect((data.sub_progress as Record<string, unknown>).current).toBe(3);
  });

  it('creation', () => {
    const [ev, data] = parse(emitter.creation('insights', 5, 'tu_abc'));
    expect(ev).toBe('creation');
    expect(data.count).toBe(5);
    expect(data.creation_type).toBe('insights');
    expect(data.tool_use_id).toBe('tu_abc');
    expect(data.items).toStrictEqual([]);
  });

  it('creation defaults', () => {
    const [, data] = parse(emitter.creation('document', 1));
    expect(data.tool_use_id).toBe('');
    expect(data.items).toStrictEqual([]);
  });

  it('error', () => {
    const [ev, data] = parse(emitter.error('timeout', 'Request timed out'));
    expect(ev).toBe('error');
    expect(data.error_type).toBe('timeout');
    expect(data.message).toBe('Request timed out');
    expect(data.details).toStrictEqual({});
  });

  it('error with details', () => {
    const [, data] = parse(emitter.error('auth', 'Unauthorized', { code: 401 }));
    expect(data.details).toStrictEqual({ code: 401 });
  });

  it('done', () => {
    const [ev, data] = parse(emitter.done({ messageId: 'msg_1', numTurns: 3, toolCount: 7, durationMs: 4200, model: 'claude-sonnet-4-6' }));
    expect(ev).toBe('done');
    expect(data.num_turns).toBe(3);
    expect(data.model).toBe('claude-sonnet-4-6');
  });

  it('the SSE format ends with a blank line', () => {
    expect(emitter.token('x').endsWith('\n\n')).toBe(true);
  });
});

describe('AgentStreamEmitter, the whole wire data', () => {
  const emitter = new AgentStreamEmitter();

  it('writes every field of every event, defaults included, in snake_case', () => {
    expect(parse(emitter.toolUse('search', 'tu_1'))[1]).toStrictEqual({ tool_name: 'search', tool_use_id: 'tu_1', input_summary: '', status: 'running' });
    expect(parse(emitter.toolResult('search', 'tu_1'))[1]).toStrictEqual({
      tool_name: 'search',
      tool_use_id: 'tu_1',
      output_summary: '',
      duration_ms: 0,
      status: 'done',
    });
    expect(parse(emitter.turn(1))[1]).toStrictEqual({ turn_number: 1, total_tools: 0 });
    expect(parse(emitter.done())[1]).toStrictEqual({ message_id: '', num_turns: 0, tool_count: 0, duration_ms: 0, model: '', total_cost_usd: 0 });
    expect(parse(emitter.done({ totalCostUsd: 0.25 }))[1]).toMatchObject({ message_id: '', total_cost_usd: 0.25 });
  });

  it('writes itemTitle as item_title and keeps the other sub_progress keys; null or absent leaves it out', () => {
    const [, data] = parse(emitter.progress('collect', 10, 'm', { current: 1, total: 4, itemTitle: 'Q3', stage: 'b', nested: { itemTitle: 'kept' } }));
    expect(data).toStrictEqual({
      step: 'collect',
      percentage: 10,
      message: 'm',
      sub_progress: { current: 1, total: 4, item_title: 'Q3', stage: 'b', nested: { itemTitle: 'kept' } },
    });
    expect(parse(emitter.progress('s', 1, 'm', null))[1]).not.toHaveProperty('sub_progress');
    expect(parse(emitter.progress('s', 1, 'm'))[1]).not.toHaveProperty('sub_progress');
    expect(parse(emitter.progress('s', 1, 'm', {}))[1]).toHaveProperty('sub_progress', {});
  });

  it('writes null details and items as the reference does with None: {} and []', () => {
    expect(parse(emitter.error('e', 'm', null))[1].details).toStrictEqual({});
    expect(parse(emitter.creation('c', 1, '', null))[1].items).toStrictEqual([]);
    expect(parse(emitter.creation('c', 2, 'tu', [{ id: 'n1' }, { id: 'n2', tags: ['a'] }]))[1].items).toStrictEqual([{ id: 'n1' }, { id: 'n2', tags: ['a'] }]);
  });

  it('writes usage with only the figures given, which the client reads as null', () => {
    expect(parse(emitter.usage({ inputTokens: 120, outputTokens: 30, totalCostUsd: 0.01, model: 'm' }))).toStrictEqual([
      'usage',
      { input_tokens: 120, output_tokens: 30, total_cost_usd: 0.01, model: 'm' },
    ]);
    expect(parse(emitter.usage({ outputTokens: 5 }))[1]).toStrictEqual({ output_tokens: 5 });
    expect(decoded(emitter.usage({ outputTokens: 5 }))).toStrictEqual({
      type: 'usage',
      data: { inputTokens: null, outputTokens: 5, totalCostUsd: null, model: null },
    });
  });

  it('decodes to the same event in our client', () => {
    expect(decoded(emitter.toolResult('calc', 'tu_2', 'boom', 12, true))).toStrictEqual({
      type: 'tool_result',
      data: { toolName: 'calc', toolUseId: 'tu_2', outputSummary: 'boom', durationMs: 12, status: 'error' },
    });
    expect(decoded(emitter.progress('p', 50, 'm', { current: 1, itemTitle: 'x' }))).toStrictEqual({
      type: 'progress',
      data: { step: 'p', percentage: 50, message: 'm', subProgress: { current: 1, itemTitle: 'x' } },
    });
  });

  it('writes a comment frame that takes no id', () => {
    expect(emitter.comment('keep-alive')).toBe(': keep-alive\n\n');
  });
});

describe('AgentStreamEmitter ids', () => {
  it('writes no id line by default', () => {
    const emitter = new AgentStreamEmitter();
    expect(emitter.token('a')).toBe('event: token\ndata: {"text":"a"}\n\n');
    expect(emitter.lastId).toBeNull();
  });

  it('numbers every event frame 1, 2, 3… and exposes the last id; comments take none', () => {
    const emitter = new AgentStreamEmitter({ ids: true });
    expect(emitter.lastId).toBeNull();
    expect(emitter.token('a')).toBe('id: 1\nevent: token\ndata: {"text":"a"}\n\n');
    expect(emitter.comment('ping')).toBe(': ping\n\n');
    expect(emitter.turn(1)).toMatch(/^id: 2\nevent: turn\n/);
    expect(emitter.lastId).toBe(2);
    const ids: string[] = [];
    const parser = createSSEParser({ onFrame: () => {}, onId: (id) => ids.push(id) });
    parser.feed(emitter.toolUse('t', 'tu') + emitter.toolResult('t', 'tu') + emitter.done());
    expect(ids).toStrictEqual(['3', '4', '5']);
    expect(emitter.lastId).toBe(5);
  });

  it('continues a sequence from firstId', () => {
    const emitter = new AgentStreamEmitter({ ids: true, firstId: 41 });
    expect(emitter.token('a')).toMatch(/^id: 41\n/);
    expect(emitter.token('b')).toMatch(/^id: 42\n/);
    expect(emitter.lastId).toBe(42);
    expect(new AgentStreamEmitter({ ids: true, firstId: 0 }).token('a')).toMatch(/^id: 0\n/);
  });

  it('refuses a firstId that is not a non-negative integer', () => {
    for (const firstId of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => new AgentStreamEmitter({ ids: true, firstId })).toThrow(RangeError);
    }
  });

  it('does not use an id when the frame could not be encoded', () => {
    const emitter = new AgentStreamEmitter({ ids: true });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => emitter.error('e', 'm', cyclic)).toThrow(TypeError);
    expect(emitter.lastId).toBeNull();
    expect(emitter.token('a')).toMatch(/^id: 1\n/);
  });
});

describe('AgentStreamEmitter with values JSON does not have', () => {
  const emitter = new AgentStreamEmitter();

  it('writes a bigint as its digits, as Python writes an int of any size', () => {
    const frame = emitter.error('e', 'm', { big: 2n ** 64n, small: 7n, list: [1n, -3n], boxed: Object(5n) as unknown });
    expect(frame).toContain('"details":{"big":18446744073709551616,"small":7,"list":[1,-3],"boxed":5}');
    expect(decoded(frame)).toMatchObject({ data: { details: { big: 18446744073709551616, small: 7 } } });
  });

  it('writes NaN and ±Infinity as null, which decodes as the reference bare NaN does, but is standard JSON', () => {
    const frame = emitter.toolResult('t', 'tu', '', Number.NaN);
    expect(frame).toContain('"duration_ms":null');
    expect(decoded(frame)).toMatchObject({ data: { durationMs: null } });
    expect(parse(emitter.error('e', 'm', { a: Infinity, b: [-Infinity] }))[1].details).toStrictEqual({ a: null, b: [null] });
  });

  it('leaves undefined, functions and symbols out of objects and writes null for them in arrays', () => {
    const details = { a: undefined, f: () => 1, s: Symbol('x'), kept: 1, list: [undefined, () => 1, 2] };
    expect(parse(emitter.error('e', 'm', details))[1].details).toStrictEqual({ kept: 1, list: [null, null, 2] });
  });

  it('uses the defaults for optional arguments given as undefined, as Python does for omitted ones', () => {
    expect(parse(emitter.toolResult('t', 'tu', undefined, undefined, undefined))[1]).toStrictEqual(parse(emitter.toolResult('t', 'tu'))[1]);
    expect(parse(emitter.done({ messageId: undefined, model: 'm' }))[1]).toMatchObject({ message_id: '', model: 'm' });
  });

  it('writes a Date as its ISO string (its toJSON) and a class instance by its own fields', () => {
    class Point {
      constructor(readonly x: number, readonly y: number) {}
      norm() {
        return Math.hypot(this.x, this.y);
      }
    }
    const details = { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), point: new Point(1, 2) };
    expect(parse(emitter.error('e', 'm', details))[1].details).toStrictEqual({ at: '2026-01-02T03:04:05.000Z', point: { x: 1, y: 2 } });
  });

  it('throws a TypeError naming the path of a cycle, whichever object starts it', () => {
    const details: Record<string, unknown> = { list: [] };
    (details.list as unknown[]).push({ back: details });
    expect(() => emitter.error('e', 'm', details)).toThrow(
      new TypeError('Cannot encode event "error": its data holds a cycle at details.list[0].back (JSON cannot hold cycles)'),
    );
    const items: unknown[] = [];
    items.push({ 'odd key': items });
    expect(() => emitter.creation('c', 1, '', items)).toThrow(/cycle at items\[0\]\["odd key"\]/);
  });

  it('writes the same object twice when it is not its own ancestor', () => {
    const shared = { id: 1 };
    expect(parse(emitter.error('e', 'm', { a: shared, b: [shared, shared] }))[1].details).toStrictEqual({ a: { id: 1 }, b: [{ id: 1 }, { id: 1 }] });
  });

  it('escapes U+0085, U+2028 and U+2029, so that splitlines() sees one data line', () => {
    const frame = emitter.token('a\u2028b\u2029c\u0085d\ne');
    expect(frame).toBe('event: token\ndata: {"text":"a\\u2028b\\u2029c\\u0085d\\ne"}\n\n');
    expect(decoded(frame)).toStrictEqual({ type: 'token', data: { text: 'a\u2028b\u2029c\u0085d\ne' } });
  });

  it('writes lone surrogates as escapes, which decode back to the same string', () => {
    const frame = emitter.token('x\ud800y\udc00');
    expect(frame).toContain('"x\\ud800y\\udc00"');
    expect(decoded(frame)).toStrictEqual({ type: 'token', data: { text: 'x\ud800y\udc00' } });
  });
});

describe('the JSON walk behind bigints and cycles', () => {
  it('writes what JSON.stringify writes for any value JSON.stringify accepts', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(stringifyWalk(value, 'x')).toBe(JSON.stringify(value));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('passes each key to toJSON, as JSON.stringify does', () => {
    const keyed = { toJSON: (key: string) => `key:${key}` };
    const value = { a: keyed, list: [keyed] };
    expect(stringifyWalk({ ...value, n: 1n }, 'x')).toBe('{"a":"key:a","list":["key:0"],"n":1}');
    expect(stringifyWalk(value, 'x')).toBe(JSON.stringify(value));
  });
});
