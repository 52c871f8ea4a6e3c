import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent, type DecodeResult } from '../../src/core/decode';
import { AgentStreamError } from '../../src/core/errors';
import { NATIVE_EVENT_TYPES, type AgentEvent, type SSEFrame } from '../../src/core/protocol';

function decode(event: string | undefined, data: unknown, id?: string): DecodeResult | null {
  const frame: SSEFrame = { data: typeof data === 'string' ? data : JSON.stringify(data) };
  if (event !== undefined) frame.event = event;
  if (id !== undefined) frame.id = id;
  return decodeEvent(frame);
}

/** Decodes a frame that must succeed; returns its event and warnings. */
function ok(event: string | undefined, data: unknown, id?: string): { ok: true; event: AgentEvent; warnings: readonly AgentStreamError[] } {
  const result = decode(event, data, id);
  if (result === null || !result.ok) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result;
}

/** Decodes a frame that must fail; returns the error. */
function failed(event: string | undefined, data: unknown, id?: string): AgentStreamError {
  const result = decode(event, data, id);
  if (result === null || result.ok) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

/** The decoded data of a frame that must succeed without warnings. */
function clean(event: string, data: unknown): unknown {
  const result = ok(event, data);
  expect(result.warnings).toStrictEqual([]);
  return result.event.data;
}

describe('decodeEvent heartbeats', () => {
  it.each([undefined, 'token', 'done', 'tool_use', 'my_custom'])('returns null for empty data (event %s)', (event) => {
    expect(decode(event, '')).toBeNull();
  });

  it('does not treat whitespace data as a heartbeat', () => {
    expect(decode('token', ' ')).toMatchObject({ ok: false, error: { code: 'parse' } });
  });
});

describe('decodeEvent token and thinking', () => {
  it.each(['token', 'thinking'] as const)('decodes %s text', (type) => {
    expect(ok(type, { text: 'Hé 🚀\n"x"' })).toStrictEqual({
      ok: true,
      event: { type, data: { text: 'Hé 🚀\n"x"' } },
      warnings: [],
    });
  });

  it('reads \\u escapes and surrogate pairs as Python writes them', () => {
    expect(clean('token', String.raw`{"text": "caf\u00e9 \ud83d\ude80 \u0000"}`)).toStrictEqual({ text: 'café 🚀 \0' });
  });

  it('sets the event id from a non-empty frame id only', () => {
    expect(ok('token', { text: 'a' }, '42').event).toStrictEqual({ type: 'token', data: { text: 'a' }, id: '42' });
    expect(ok('token', { text: 'a' }, '').event).toStrictEqual({ type: 'token', data: { text: 'a' } });
  });

  it('keeps extra keys on token data as sent', () => {
    expect(clean('token', { text: 'a', extra: 1 })).toStrictEqual({ text: 'a', extra: 1 });
  });

  it.each([
    [{}, 'undefined'],
    [{ text: 5 }, 'number'],
    [{ text: null }, 'null'],
    [{ Text: 'a' }, 'undefined'],
  ])('rejects %j with a schema error', (data, kind) => {
    const error = failed('thinking', data, '3');
    expect(error).toBeInstanceOf(AgentStreamError);
    expect(error).toMatchObject({ code: 'schema', severity: 'error', eventType: 'thinking', eventId: '3' });
    expect(error.message).toBe(`Frame "thinking" (id 3): field "text" must be a string, got ${kind}`);
  });
});

describe('decodeEvent JSON errors', () => {
  it('turns bad JSON into a parse error with context and cause', () => {
    const error = failed('tool_use', '{"tool_name": "x",', '7');
    expect(error).toMatchObject({ code: 'parse', severity: 'error', eventType: 'tool_use', eventId: '7' });
    expect(error.message).toMatch(/^Frame "tool_use" \(id 7\): data is not valid JSON: .+; data: "\{\\"tool_name\\": \\"x\\","$/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('shortens the data quoted in the message', () => {
    const error = failed('token', `{"text": "${'x'.repeat(500)}`);
    expect(error.message.length).toBeLessThan(250);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('keeps the original SyntaxError as cause when the tolerant pass fails too', () => {
    const error = failed('done', '{"duration_ms": NaN,}');
    expect(error.code).toBe('parse');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['a number', '42', 'number'],
    ['an array', '[1, 2]', 'array'],
    ['a string', '"text"', 'string'],
    ['null', 'null', 'null'],
  ])('rejects %s where an object is needed', (_, data, kind) => {
    for (const type of NATIVE_EVENT_TYPES) {
      const error = failed(type, data);
      expect(error.code).toBe('schema');
      expect(error.message).toBe(`Frame "${type}": data must be a JSON object, got ${kind}`);
    }
  });
});

describe('decodeEvent NaN and Infinity', () => {
  it('reads Python NaN/Infinity as null with one warning naming the paths', () => {
    const result = ok(
      'done',
      '{"message_id": "m", "num_turns": 1, "tool_count": 2, "duration_ms": NaN, "model": "x", "total_cost_usd": Infinity}',
      '9',
    );
    expect(result.event.data).toStrictEqual({
      messageId: 'm',
      numTurns: 1,
      toolCount: 2,
      durationMs: null,
      model: 'x',
      totalCostUsd: null,
    });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'schema', severity: 'warning', eventType: 'done', eventId: '9' });
    expect(result.warnings[0]?.message).toBe(
      'Frame "done" (id 9): non-finite number (NaN or Infinity) read as null at "duration_ms", "total_cost_usd"',
    );
  });

  it('names nested paths in free-form data and sub_progress', () => {
    const creation = ok('creation', '{"items": [{"a": 1}, {"score": -Infinity, "t": [NaN]}], "count": 2}');
    expect(creation.event.data).toMatchObject({ items: [{ a: 1 }, { score: null, t: [null] }], count: 2 });
    expect(creation.warnings[0]?.message).toContain('"items[1].score", "items[1].t[0]"');

    const progress = ok('progress', '{"step": "s", "percentage": NaN, "message": "m", "sub_progress": {"current": Infinity}}');
    expect(progress.event.data).toStrictEqual({ step: 's', percentage: null, message: 'm', subProgress: { current: null } });
    expect(progress.warnings[0]?.message).toContain('"percentage", "sub_progress.current"');
  });

  it('leaves NaN and Infinity inside strings alone', () => {
    const result = ok('tool_result', String.raw`{"tool_use_id": "t", "output_summary": "NaN \"Infinity\" -Infinity", "duration_ms": NaN}`);
    expect(result.event.data).toMatchObject({ outputSummary: 'NaN "Infinity" -Infinity', durationMs: null });
    expect(result.warnings[0]?.message).toContain('at "duration_ms"');
  });

  it('reads an overflowing number (1e400) as null with a warning', () => {
    const result = ok('progress', '{"step": "s", "percentage": 1e400, "message": "m"}');
    expect(result.event.data).toMatchObject({ percentage: null });
    expect(result.warnings.map((w) => w.message)).toStrictEqual([
      'Frame "progress": field "percentage" is not a finite number; read as null',
    ]);
  });

  it('reads NaN in a custom event too, with a warning', () => {
    const result = ok('metrics', '{"latency": NaN}');
    expect(result.event).toStrictEqual({ type: 'custom', data: { type: 'metrics', data: { latency: null } } });
    expect(result.warnings).toHaveLength(1);
  });
});

describe('decodeEvent reference frames', () => {
  // Exactly what the Python reference emitter writes (json.dumps separators and defaults).
  it.each<[string, string, unknown]>([
    ['tool_use', '{"tool_name": "search", "tool_use_id": "tu_1", "input_summary": "q=1", "status": "running"}',
      { toolName: 'search', toolUseId: 'tu_1', inputSummary: 'q=1', status: 'running' }],
    ['tool_result', '{"tool_name": "search", "tool_use_id": "tu_1", "output_summary": "3", "duration_ms": 42, "status": "done"}',
      { toolName: 'search', toolUseId: 'tu_1', outputSummary: '3', durationMs: 42, status: 'done' }],
    ['tool_result', '{"tool_name": "s", "tool_use_id": "tu_2", "output_summary": "", "duration_ms": 0, "status": "error"}',
      { toolName: 's', toolUseId: 'tu_2', outputSummary: '', durationMs: 0, status: 'error' }],
    ['turn', '{"turn_number": 2, "total_tools": 5}', { turnNumber: 2, totalTools: 5 }],
    ['progress', '{"step": "synthesis", "percentage": 40, "message": "m", "sub_progress": {"current": 2, "total": 5, "item_title": "t", "eta_s": 3}}',
      { step: 'synthesis', percentage: 40, message: 'm', subProgress: { current: 2, total: 5, itemTitle: 't', eta_s: 3 } }],
    ['creation', '{"creation_type": "insights", "count": 1, "tool_use_id": "", "items": [{"snake_key": {"inner_key": 1}}]}',
      { creationType: 'insights', count: 1, toolUseId: '', items: [{ snake_key: { inner_key: 1 } }] }],
    ['error', '{"error_type": "auth", "message": "no", "details": {"http_code": 401, "deep": {"a_b": [null]}}}',
      { errorType: 'auth', message: 'no', details: { http_code: 401, deep: { a_b: [null] } } }],
    ['done', '{"message_id": "m1", "num_turns": 3, "tool_count": 4, "duration_ms": 5, "model": "x", "total_cost_usd": 0.0}',
      { messageId: 'm1', numTurns: 3, toolCount: 4, durationMs: 5, model: 'x', totalCostUsd: 0 }],
    ['usage', '{"input_tokens": 10, "output_tokens": 20, "total_cost_usd": 0.5, "model": "x"}',
      { inputTokens: 10, outputTokens: 20, totalCostUsd: 0.5, model: 'x' }],
  ])('decodes %s %s', (type, data, expected) => {
    expect(clean(type, data)).toStrictEqual(expected);
  });
});

describe('decodeEvent defaults', () => {
  it.each<[string, unknown, unknown]>([
    ['tool_use', { tool_use_id: 't' }, { toolName: '', toolUseId: 't', inputSummary: '', status: 'running' }],
    ['tool_result', { tool_use_id: 't' }, { toolName: '', toolUseId: 't', outputSummary: '', durationMs: 0, status: 'done' }],
    ['turn', {}, { turnNumber: null, totalTools: 0 }],
    ['progress', {}, { step: '', percentage: null, message: '' }],
    ['creation', {}, { creationType: '', count: null, toolUseId: '', items: [] }],
    ['error', {}, { errorType: '', message: '', details: {} }],
    ['done', {}, { messageId: '', numTurns: 0, toolCount: 0, durationMs: 0, model: '', totalCostUsd: 0 }],
    ['usage', {}, { inputTokens: null, outputTokens: null, totalCostUsd: null, model: null }],
  ])('fills the reference defaults of %s without warnings', (type, data, expected) => {
    expect(clean(type, data)).toStrictEqual(expected);
  });

  it('reads null numbers as null, and null details/items/sub_progress as absent, without warnings', () => {
    expect(clean('done', { duration_ms: null, num_turns: null })).toMatchObject({ durationMs: null, numTurns: null });
    expect(clean('error', { details: null })).toMatchObject({ details: {} });
    expect(clean('creation', { items: null })).toMatchObject({ items: [] });
    expect(clean('progress', { sub_progress: null })).toStrictEqual({ step: '', percentage: null, message: '' });
    expect(clean('usage', { model: null })).toMatchObject({ model: null });
  });
});

describe('decodeEvent camelCase input', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['tool_use', { tool_name: 'a', tool_use_id: 'b', input_summary: 'c', status: 'running' },
      { toolName: 'a', toolUseId: 'b', inputSummary: 'c', status: 'running' }],
    ['tool_result', { tool_name: 'a', tool_use_id: 'b', output_summary: 'c', duration_ms: 4, status: 'error' },
      { toolName: 'a', toolUseId: 'b', outputSummary: 'c', durationMs: 4, status: 'error' }],
    ['turn', { turn_number: 1, total_tools: 2 }, { turnNumber: 1, totalTools: 2 }],
    ['progress', { step: 's', percentage: 5, message: 'm', sub_progress: { current: 1, total: 2, item_title: 't' } },
      { step: 's', percentage: 5, message: 'm', subProgress: { current: 1, total: 2, itemTitle: 't' } }],
    ['creation', { creation_type: 'a', count: 1, tool_use_id: 'b', items: [] },
      { creationType: 'a', count: 1, toolUseId: 'b', items: [] }],
    ['error', { error_type: 'a', message: 'b', details: { k: 1 } }, { errorType: 'a', message: 'b', details: { k: 1 } }],
    ['done', { message_id: 'a', num_turns: 1, tool_count: 2, duration_ms: 3, model: 'm', total_cost_usd: 4 },
      { messageId: 'a', numTurns: 1, toolCount: 2, durationMs: 3, model: 'm', totalCostUsd: 4 }],
    ['usage', { input_tokens: 1, output_tokens: 2, total_cost_usd: 3, model: 'm' },
      { inputTokens: 1, outputTokens: 2, totalCostUsd: 3, model: 'm' }],
  ])('reads %s in snake_case and in camelCase alike', (type, snake, camel) => {
    expect(clean(type, snake)).toStrictEqual(camel);
    expect(clean(type, camel)).toStrictEqual(camel);
  });

  it('prefers the snake_case field when both are sent, and does not copy the other as an extra', () => {
    expect(clean('tool_use', { tool_use_id: 'snake', toolUseId: 'camel' })).toStrictEqual({
      toolName: '',
      toolUseId: 'snake',
      inputSummary: '',
      status: 'running',
    });
  });
});

describe('decodeEvent wrong types', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['tool_result', { tool_use_id: 't', duration_ms: '42' }, { durationMs: 0 }, 'field "duration_ms" must be a number, got string; using 0'],
    ['tool_use', { tool_use_id: 't', tool_name: 5 }, { toolName: '' }, 'field "tool_name" must be a string, got number; using ""'],
    ['done', { model: null }, { model: '' }, 'field "model" must be a string, got null; using ""'],
    ['done', { total_cost_usd: true }, { totalCostUsd: 0 }, 'field "total_cost_usd" must be a number, got boolean; using 0'],
    ['turn', { turn_number: [1] }, { turnNumber: null }, 'field "turn_number" must be a number, got array; using null'],
    ['error', { details: [1] }, { details: {} }, 'field "details" must be an object, got array; using {}'],
    ['creation', { items: { a: 1 } }, { items: [] }, 'field "items" must be an array, got object; using []'],
    ['usage', { model: 5 }, { model: null }, 'field "model" must be a string, got number; using null'],
    ['progress', { sub_progress: 'half' }, { step: '' }, 'field "sub_progress" must be an object, got string; ignored'],
    ['progress', { sub_progress: { item_title: 3, current: 'x' } }, { subProgress: { current: null } },
      'field "sub_progress.current" must be a number, got string; using null'],
    ['tool_use', { tool_use_id: 't', status: 'pending' }, { status: 'running' }, 'field "status" must be "running", got "pending"; using "running"'],
    ['tool_result', { tool_use_id: 't', status: 'failed' }, { status: 'done' }, 'field "status" must be "done" or "error", got "failed"; using "done"'],
  ])('%s %j reads the default with a warning', (type, data, expected, detail) => {
    const result = ok(type, data, '5');
    expect(result.event.data).toMatchObject(expected);
    expect(result.warnings[0]).toMatchObject({ code: 'schema', severity: 'warning', eventType: type, eventId: '5' });
    expect(result.warnings.map((w) => w.message)).toContain(`Frame "${type}" (id 5): ${detail}`);
  });

  it('drops a sub_progress item_title of the wrong type with a warning', () => {
    const result = ok('progress', { sub_progress: { item_title: 3, total: 4 } });
    expect(result.event.data).toMatchObject({ subProgress: { total: 4 } });
    expect((result.event.data as { subProgress: object }).subProgress).not.toHaveProperty('itemTitle');
    expect(result.warnings.map((w) => w.message)).toStrictEqual([
      'Frame "progress": field "sub_progress.item_title" must be a string, got number; ignored',
    ]);
  });

  it('keeps tool_result status "error" and reads an absent status as "done"', () => {
    expect(clean('tool_result', { tool_use_id: 't', status: 'error' })).toMatchObject({ status: 'error' });
    expect(clean('tool_result', { tool_use_id: 't' })).toMatchObject({ status: 'done' });
  });
});

describe('decodeEvent required fields', () => {
  it.each(['tool_use', 'tool_result'])('rejects %s without a usable tool_use_id', (type) => {
    for (const data of [{}, { tool_use_id: '' }, { tool_use_id: 7 }, { toolUseId: null }]) {
      const error = failed(type, data, '7');
      expect(error).toMatchObject({ code: 'schema', severity: 'error', eventType: type, eventId: '7' });
      expect(error.message).toBe(`Frame "${type}" (id 7): field "tool_use_id" must be a non-empty string`);
    }
  });

  it('does not require tool_use_id on creation', () => {
    expect(clean('creation', { creation_type: 'doc', count: 1 })).toMatchObject({ toolUseId: '' });
  });
});

describe('decodeEvent unknown types', () => {
  it('keeps an unknown type as custom with its parsed JSON', () => {
    expect(ok('citation', { url: 'https://x', snake_key: 1 }, '4')).toStrictEqual({
      ok: true,
      event: { type: 'custom', data: { type: 'citation', data: { url: 'https://x', snake_key: 1 } }, id: '4' },
      warnings: [],
    });
  });

  it('keeps the raw string when the data is not JSON, without an error', () => {
    expect(ok('log', 'plain text, not JSON')).toStrictEqual({
      ok: true,
      event: { type: 'custom', data: { type: 'log', data: 'plain text, not JSON' } },
      warnings: [],
    });
  });

  it('names a frame without an event field "message"', () => {
    expect(ok(undefined, '[1,2]').event).toStrictEqual({ type: 'custom', data: { type: 'message', data: [1, 2] } });
    expect(ok('', 'hi').event).toStrictEqual({ type: 'custom', data: { type: 'message', data: 'hi' } });
  });

  it('treats the wire type "custom" and Object.prototype names as unknown types', () => {
    expect(ok('custom', '1').event).toStrictEqual({ type: 'custom', data: { type: 'custom', data: 1 } });
    expect(ok('constructor', '{}').event).toStrictEqual({ type: 'custom', data: { type: 'constructor', data: {} } });
    expect(ok('__proto__', 'x').event).toStrictEqual({ type: 'custom', data: { type: '__proto__', data: 'x' } });
  });
});

describe('decodeEvent extras and free-form data', () => {
  it('keeps unknown keys as sent, not renamed', () => {
    expect(
      clean('tool_result', { tool_use_id: 't', extra_field: { inner_key: 1 }, camelExtra: [1], status: 'done' }),
    ).toStrictEqual({
      toolName: '',
      toolUseId: 't',
      outputSummary: '',
      durationMs: 0,
      status: 'done',
      extra_field: { inner_key: 1 },
      camelExtra: [1],
    });
  });

  it('keeps extras on every structured type', () => {
    for (const type of ['turn', 'progress', 'creation', 'error', 'done', 'usage']) {
      expect(clean(type, { x_key: 1 })).toHaveProperty('x_key', 1);
    }
    expect(clean('tool_use', { tool_use_id: 't', x_key: 1 })).toHaveProperty('x_key', 1);
  });

  it('keeps a "__proto__" key as plain data without touching the prototype', () => {
    const data = clean('error', '{"message": "m", "__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toStrictEqual({ polluted: true });
    expect((data as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('leaves details and items untouched, inside and out', () => {
    const details = { snake_case: { deeper_key: [{ item_title: 'x' }] }, toolUseId: 'not a field here' };
    const items = [{ tool_use_id: 'kept', nested: { a_b: 1 } }, 'not an object', 3];
    expect(clean('error', { details })).toMatchObject({ details });
    expect(clean('creation', { items })).toMatchObject({ items });
  });

  it('renames only the known sub_progress keys', () => {
    expect(clean('progress', { sub_progress: { item_title: 't', itemCount: 2, eta_seconds: 3 } })).toMatchObject({
      subProgress: { itemTitle: 't', itemCount: 2, eta_seconds: 3 },
    });
  });
});

describe('decodeEvent never throws', () => {
  const types = fc.oneof(fc.constantFrom(undefined, '', 'custom', 'message', ...NATIVE_EVENT_TYPES), fc.string());
  const data = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .dictionary(
        fc.constantFrom('text', 'tool_use_id', 'toolUseId', 'duration_ms', 'sub_progress', 'details', 'items', 'status', 'model', '__proto__', 'x'),
        fc.oneof(fc.jsonValue(), fc.constant('NaN')),
      )
      .map((value) => JSON.stringify(value).replaceAll('"NaN"', 'NaN')),
  );

  it('returns null, an event or an AgentStreamError for any frame', () => {
    fc.assert(
      fc.property(types, data, fc.option(fc.string(), { nil: undefined }), (event, text, id) => {
        const result = decode(event, text, id);
        if (result === null) {
          expect(text).toBe('');
        } else if (result.ok) {
          expect([...NATIVE_EVENT_TYPES, 'custom']).toContain(result.event.type);
          for (const warning of result.warnings) expect(warning).toMatchObject({ code: 'schema', severity: 'warning' });
        } else {
          expect(result.error).toBeInstanceOf(AgentStreamError);
          expect(['parse', 'schema']).toContain(result.error.code);
          expect(result.error.eventType).toBe(event || 'message');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
