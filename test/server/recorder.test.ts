import { describe, expect, it } from 'vitest';
import { AgentStreamEmitter } from '../../src/server/emitter';
import { encodeComment, encodeEvent } from '../../src/server/encode';
import { AgentStreamRecorder, type AgentStreamRecorderOptions } from '../../src/server/recorder';
import { scriptFromRecording } from '../../src/testing/recording';
import { scenarios } from '../../src/testing/scenarios';
import { isEventStep, type AgentStreamScript } from '../../src/testing/script';
import { randomPoints, splitAt } from '../helpers/chunks';
import { mulberry32 } from '../helpers/prng';

const START = new Date('2025-01-02T03:04:05.678Z');
const HEADER = '{"session": "s-1", "started_at": "2025-01-02T03:04:05.678Z", "t": 0}\n';

/** A clock the test moves by hand. */
function manualClock(startMs = 1000) {
  let ms = startMs;
  return { now: () => ms, advance: (by: number) => void (ms += by) };
}

function recorderInto(lines: string[], options: AgentStreamRecorderOptions = {}): AgentStreamRecorder {
  return new AgentStreamRecorder((line) => void lines.push(line), { sessionId: 's-1', date: () => START, now: () => 0, ...options });
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The frames of a script (encoded with the production encoder) and the clock reading of each. */
function framesOf(script: AgentStreamScript): Array<{ frame: string; atMs: number }> {
  const frames: Array<{ frame: string; atMs: number }> = [];
  let atMs = 0;
  for (const step of script) {
    if ('delayMs' in step) atMs += step.delayMs;
    if (isEventStep(step)) frames.push({ frame: encodeEvent(step), atMs });
  }
  return frames;
}

describe('AgentStreamRecorder', () => {
  it('records a scenario that scriptFromRecording reads back equal, delays included', async () => {
    for (const scenario of [scenarios.manyToolCalls, scenarios.progressPipeline, scenarios.toolError, scenarios.thinkingThenAnswer]) {
      const clock = manualClock();
      const lines: string[] = [];
      async function* source() {
        let at = 0;
        for (const { frame, atMs } of framesOf(scenario.script)) {
          clock.advance(atMs - at);
          at = atMs;
          yield frame;
        }
      }
      await collect(recorderInto(lines, { now: clock.now }).record(source()));
      expect(lines[0]).toBe(HEADER);
      expect(scriptFromRecording(lines.join(''))).toEqual(scenario.script);
    }
  });

  it('passes every chunk through unchanged and records the same lines however the frames are split', async () => {
    const text = framesOf(scenarios.manyToolCalls.script).map(({ frame }) => frame).join('');
    const whole: string[] = [];
    await collect(recorderInto(whole).record([text]));
    const random = mulberry32(7);
    for (let round = 0; round < 30; round++) {
      const chunks = splitAt(text, randomPoints(random, text.length, 1 + (round % 12)));
      const lines: string[] = [];
      const passed = await collect(recorderInto(lines).record(chunks));
      expect(passed).toStrictEqual(chunks);
      expect(lines).toStrictEqual(whole);
    }
    const bytes = new TextEncoder().encode(new AgentStreamEmitter().token('naïve 🚀 ok'));
    const byteLines: string[] = [];
    // Cuts inside "ï" (2 bytes) and "🚀" (4 bytes).
    const byteChunks = splitAt(bytes, [7, 31, 37, 38, 39]);
    expect(await collect(recorderInto(byteLines).record(byteChunks))).toStrictEqual(byteChunks);
    expect(byteLines[1]).toBe('{"t": 0.0, "event": "token", "data": {"text": "na\\u00efve \\ud83d\\ude80 ok"}}\n');
  });

  it('records an event when the chunk that completes it is read, before passing that chunk on', async () => {
    const lines: string[] = [];
    const seen: number[] = [];
    const chunks = ['event: token\ndata: {"text":', '"a"}\n\nevent: token\ndata: {"text":"b"}\n\nevent: tok', 'en\ndata: {"text":"c"}\n\n'];
    for await (const _chunk of recorderInto(lines).record(chunks)) seen.push(lines.length);
    expect(seen).toStrictEqual([1, 3, 4]);
  });

  it('writes the header first, with a random UUID v4 session by default', async () => {
    const lines: string[] = [];
    const recorder = new AgentStreamRecorder((line) => void lines.push(line));
    await collect(recorder.record([]));
    expect(recorder.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lines).toHaveLength(1);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toStrictEqual({ session: recorder.sessionId, started_at: expect.any(String), t: 0 });
    expect(new Date(header.started_at as string).toISOString()).toBe(header.started_at);
  });

  it('times events from the start of the first stream, to the millisecond, across streams', async () => {
    const clock = manualClock(5000);
    const lines: string[] = [];
    const recorder = recorderInto(lines, { now: clock.now });
    const emitter = new AgentStreamEmitter();
    async function* first() {
      yield emitter.token('a');
      clock.advance(1234.4);
      yield emitter.token('b');
    }
    async function* second() {
      clock.advance(1266.1);
      yield emitter.done();
    }
    await collect(recorder.record(first()));
    clock.advance(9000);
    await collect(recorder.record(second()));
    expect(lines.map((line) => JSON.parse(line).t as number)).toStrictEqual([0, 0, 1.234, 11.501]);
    expect(lines.filter((line) => line === HEADER)).toHaveLength(1);
    expect(lines[1]).toContain('"t": 0.0,');
  });

  it('skips comments, heartbeats, ids and retry hints, and names a frame without a type "message"', async () => {
    const lines: string[] = [];
    const chunks = [encodeComment('heartbeat'), 'retry: 3000\n\n', 'data:\n\n', encodeEvent({ type: 'token', data: { text: 'x' } }, { id: '7' }), 'data: {"a": 1}\n\n'];
    await collect(recorderInto(lines).record(chunks));
    expect(lines.slice(1)).toStrictEqual([
      '{"t": 0.0, "event": "token", "data": {"text": "x"}}\n',
      '{"t": 0.0, "event": "message", "data": {"a": 1}}\n',
    ]);
  });

  it('keeps the data as Python reads it: 0.0 apart from 0, NaN, key order; raw text when it is not JSON', async () => {
    const lines: string[] = [];
    const chunks = [
      'event: done\ndata: {"total_cost_usd": 0.0, "num_turns": 0, "duration_ms": NaN, "b": 1, "1": 2}\n\n',
      'event: token\ndata: {"text": oops\n\n',
      'event: note\ndata: line one\ndata: line two\n\n',
    ];
    await collect(recorderInto(lines).record(chunks));
    expect(lines.slice(1)).toStrictEqual([
      '{"t": 0.0, "event": "done", "data": {"total_cost_usd": 0.0, "num_turns": 0, "duration_ms": NaN, "b": 1, "1": 2}}\n',
      '{"t": 0.0, "event": "token", "data": "{\\"text\\": oops"}\n',
      '{"t": 0.0, "event": "note", "data": "line one\\nline two"}\n',
    ]);
  });

  it('writes to a WritableStream, releasing its lock at the end', async () => {
    const written: string[] = [];
    const sink = new WritableStream<string>({ write: (line) => void written.push(line) });
    const recorder = new AgentStreamRecorder(sink, { sessionId: 's-1', date: () => START, now: () => 0 });
    await collect(recorder.record([new AgentStreamEmitter().token('hi')]));
    expect(written).toStrictEqual([HEADER, '{"t": 0.0, "event": "token", "data": {"text": "hi"}}\n']);
    expect(sink.locked).toBe(false);
  });

  it('waits for an async sink before passing the chunk on, and fails the stream when the sink fails', async () => {
    const order: string[] = [];
    const slowSink = async (line: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`wrote ${JSON.parse(line).event ?? 'header'}`);
    };
    for await (const _chunk of new AgentStreamRecorder(slowSink).record([new AgentStreamEmitter().token('a')])) order.push('chunk');
    expect(order).toStrictEqual(['wrote header', 'wrote token', 'chunk']);

    let header = true;
    const failing = new AgentStreamRecorder((line) => {
      if (!header) throw new Error(`disk full at ${line.length}`);
      header = false;
    });
    await expect(collect(failing.record(['event: token\ndata: {"text":"a"}\n\n']))).rejects.toThrow('disk full');
  });

  it('ends the source when the recorded stream is ended early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (;;) yield 'event: token\ndata: {"text":"a"}\n\n';
      } finally {
        closed = true;
      }
    }
    const lines: string[] = [];
    const stream = recorderInto(lines).record(source());
    await stream.next();
    await stream.next();
    await stream.return();
    expect(closed).toBe(true);
    expect(lines).toHaveLength(3);
  });
});
