import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/server/encode';
import { RecordingError, scriptFromRecording } from '../../src/testing/recording';
import { scenarios } from '../../src/testing/scenarios';
import { isEventStep, type AgentStreamScript } from '../../src/testing/script';
import { ev } from '../helpers/events';

const HEADER = '{"session": "s_1", "started_at": "2025-01-01T00:00:00Z", "t": 0}';

/** A JSONL recording of a script, as the reference recorder writes one (wire data, t in seconds). */
function record(script: AgentStreamScript): string {
  const lines = [HEADER];
  let ms = 0;
  for (const step of script) {
    if ('delayMs' in step) ms += step.delayMs;
    if (!isEventStep(step)) continue;
    const [eventLine, dataLine] = encodeEvent(step).split('\n');
    lines.push(JSON.stringify({ t: ms / 1000, event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) }));
  }
  return `${lines.join('\n')}\n`;
}

function errorOf(jsonl: string): RecordingError {
  try {
    scriptFromRecording(jsonl);
  } catch (error) {
    if (error instanceof RecordingError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('scriptFromRecording', () => {
  it('round-trips a script through a recording, delays included', () => {
    for (const scenario of [scenarios.manyToolCalls, scenarios.progressPipeline, scenarios.toolError]) {
      expect(scriptFromRecording(record(scenario.script))).toEqual(scenario.script);
    }
  });

  it('reads the reference recorder format with t differences as delays', () => {
    const jsonl = [
      HEADER,
      '{"t": 0.5, "event": "token", "data": {"text": "Hi"}}',
      '{"t": 0.5, "event": "tool_use", "data": {"tool_name": "search", "tool_use_id": "tu_1", "input_summary": "", "status": "running"}}',
      '{"t": 1.25, "event": "citation", "data": {"url": "https://example.com"}}',
      '{"t": 2, "event": "done", "data": {"message_id": "m", "num_turns": 1, "tool_count": 1, "duration_ms": NaN, "model": "x", "total_cost_usd": 0}}',
    ].join('\r\n');
    expect(scriptFromRecording(jsonl)).toEqual([
      { delayMs: 500 },
      ev.token('Hi'),
      ev.toolUse('tu_1'),
      { delayMs: 750 },
      ev.custom('citation', { url: 'https://example.com' }),
      { delayMs: 750 },
      ev.done({ messageId: 'm', numTurns: 1, toolCount: 1, durationMs: null, model: 'x' }),
    ]);
  });

  it('divides delays by speed and drops them at Infinity', () => {
    const jsonl = `${HEADER}\n{"t": 1, "event": "token", "data": {"text": "a"}}\n`;
    expect(scriptFromRecording(jsonl, { speed: 4 })).toEqual([{ delayMs: 250 }, ev.token('a')]);
    expect(scriptFromRecording(jsonl, { speed: Infinity })).toEqual([ev.token('a')]);
    expect(() => scriptFromRecording(jsonl, { speed: -1 })).toThrow(RangeError);
  });

  it('accepts a recording without a header, and never delays backwards', () => {
    const jsonl = '{"t": 2, "event": "token", "data": {"text": "a"}}\n{"t": 1, "event": "token", "data": {"text": "b"}}';
    expect(scriptFromRecording(jsonl)).toEqual([{ delayMs: 2000 }, ev.token('a'), ev.token('b')]);
  });

  it.each([
    ['{"t": 0, "event": "token", "data": {"text": "a"}}\nnot json', 2, 'not valid JSON'],
    [`${HEADER}\n[1, 2]`, 2, 'expected a JSON object'],
    [`${HEADER}\n\n{"t": 1, "something": "else"}`, 3, 'expected a header'],
    [`${HEADER}\n${HEADER}`, 2, 'header line may only come first'],
    [`${HEADER}\n{"event": "token", "data": {"text": "a"}}`, 2, 'field "t"'],
    [`${HEADER}\n{"t": 1, "event": "token"}`, 2, '"data"'],
    [`${HEADER}\n{"t": 1, "event": "tool_use", "data": {"tool_name": "x"}}`, 2, 'tool_use_id'],
  ])('names the line of a malformed recording (%#)', (jsonl, line, detail) => {
    const error = errorOf(jsonl);
    expect(error.name).toBe('RecordingError');
    expect(error.line).toBe(line);
    expect(error.message).toContain(`line ${line}`);
    expect(error.message).toContain(detail);
  });
});
