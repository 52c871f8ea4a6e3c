import { describe, expect, it } from 'vitest';
import { formatRecordedFrame, parseRecording, RecordingError } from '../../src/server/recording-format';
import { dumpsPyJson, parsePyJson } from '../../src/server/recording-json';

const roundTrip = (text: string): string => dumpsPyJson(parsePyJson(text));

describe('Python-compatible JSON', () => {
  it('writes floats as repr does and integers exactly', () => {
    const cases: Array<[string, string]> = [
      ['0', '0'],
      ['-0', '0'],
      ['0.0', '0.0'],
      ['-0.0', '-0.0'],
      ['1E2', '100.0'],
      ['1e15', '1000000000000000.0'],
      ['1e16', '1e+16'],
      ['1.5e16', '1.5e+16'],
      ['0.0001', '0.0001'],
      ['0.00001', '1e-05'],
      ['-2.5e-7', '-2.5e-07'],
      ['0.1', '0.1'],
      ['1.10', '1.1'],
      ['123456789012345678.0', '1.2345678901234568e+17'],
      ['5e-324', '5e-324'],
      ['1e400', 'Infinity'],
      ['-1e400', '-Infinity'],
      ['NaN', 'NaN'],
      ['-Infinity', '-Infinity'],
      ['123456789012345678901234567890', '123456789012345678901234567890'],
    ];
    for (const [text, python] of cases) expect(roundTrip(text), text).toBe(python);
  });

  it('escapes like ensure_ascii, with Python separators, keeping key order and the last duplicate', () => {
    expect(roundTrip('{"b":1,"1":[true,false,null],"é":"\\u00e9😀\\n\\"\\\\\\/\\u007f\\u2028 ~"}')).toBe(
      '{"b": 1, "1": [true, false, null], "\\u00e9": "\\u00e9\\ud83d\\ude00\\n\\"\\\\/\\u007f\\u2028 ~"}',
    );
    expect(roundTrip('{"a": 1, "b": 2, "a": 3, "__proto__": {}}')).toBe('{"a": 3, "b": 2, "__proto__": {}}');
    expect(roundTrip(' [ ] ')).toBe('[]');
    expect(roundTrip('"\\ud800"')).toBe('"\\ud800"');
    expect(roundTrip('"\\b\\f\\r\\t\\u0001"')).toBe('"\\b\\f\\r\\t\\u0001"');
  });

  it.each([
    ['{"a": 1,}', 'column 9'],
    ['[1 2]', 'expected ","'],
    ['01', 'unexpected data'],
    ['"a\nb"', 'control character'],
    ['"\\x"', 'invalid escape'],
    ['"\\u12"', 'invalid \\u escape'],
    ['"abc', 'unterminated'],
    ['', 'unexpected end'],
    ['nan', 'unexpected "n"'],
    ['1.', 'unexpected data'],
  ])('refuses %j as Python does', (text, problem) => {
    expect(() => parsePyJson(text)).toThrow(SyntaxError);
    expect(() => parsePyJson(text)).toThrow(problem);
  });
});

describe('parseRecording', () => {
  it('reads the header and events, with data written as the reference replay writes it', () => {
    const jsonl = [
      '\uFEFF{"session": "s", "started_at": "2025-01-01T00:00:00+00:00", "t": 0}',
      '',
      '{"t": 0.25, "event": "done", "data": {"total_cost_usd": 0.0, "model": "cl\\u00e9", "duration_ms": NaN}}',
      '{"t":1,"event":"token","data":{"text":"🚀"}}',
    ].join('\r\n');
    expect(parseRecording(jsonl)).toStrictEqual({
      session: 's',
      startedAt: '2025-01-01T00:00:00+00:00',
      events: [
        { t: 0.25, event: 'done', data: '{"total_cost_usd": 0.0, "model": "cl\\u00e9", "duration_ms": NaN}', line: 3 },
        { t: 1, event: 'token', data: '{"text": "\\ud83d\\ude80"}', line: 4 },
      ],
    });
    expect(parseRecording('{"t": 0, "event": "x", "data": 1}\n')).toMatchObject({ session: null, startedAt: null });
  });

  it.each([
    ['{"t": 0, "event": "a\\nb", "data": {}}', 1, 'line break'],
    ['{"t": "1", "event": "token", "data": {}}', 1, 'field "t" must be a number of seconds, got "1"'],
    ['{"t": NaN, "event": "token", "data": {}}', 1, 'got NaN'],
    ['{"t": -1, "event": "token", "data": {}}', 1, 'got -1'],
    ['\n\n{"t": 1, "event": ', 3, 'not valid JSON (unexpected end of JSON at column 18)'],
  ])('names the line of a bad recording (%#)', (jsonl, line, detail) => {
    let caught: unknown;
    try {
      parseRecording(jsonl);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RecordingError);
    expect(caught).toMatchObject({ line, message: expect.stringContaining(detail) });
  });

  it('formats the reference frame, with an optional id line', () => {
    const event = { event: 'token', data: '{"text": "hi"}' };
    expect(formatRecordedFrame(event)).toBe('event: token\ndata: {"text": "hi"}\n\n');
    expect(formatRecordedFrame(event, 3)).toBe('id: 3\nevent: token\ndata: {"text": "hi"}\n\n');
  });
});
