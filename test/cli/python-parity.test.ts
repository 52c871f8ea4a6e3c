import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { AgentStreamEmitter } from '../../src/server/emitter';
import { AgentStreamRecorder } from '../../src/server/recorder';
import { parseRecording } from '../../src/server/recording-format';
import { dumpsPyJson, parsePyJson } from '../../src/server/recording-json';
import { scriptFromRecording } from '../../src/testing/recording';
import { randomPoints, splitAt } from '../helpers/chunks';
import { mulberry32, randomInt } from '../helpers/prng';
import { fakeIO } from './fake-io';
import { describeWithPython } from '../helpers/python-reference';
import { runReference } from './python';

const dir = mkdtempSync(join(tmpdir(), 'aes-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What our JSON dialect makes of each text, in the format of reference_recording.py's `dumps`. */
function ourDumps(texts: readonly string[]): string {
  return texts.map((text) => {
    try {
      return `${dumpsPyJson(parsePyJson(text))}\n`;
    } catch {
      return 'ERROR\n';
    }
  }).join('');
}

const theirDumps = (texts: readonly string[]): string => runReference(['dumps'], texts.join('\n')).replace(/^ERROR .*$/gm, 'ERROR');

// Code units that stress ensure_ascii: controls, DEL, Latin-1, BMP, the line separators, astral
// characters, a lone surrogate of each kind, and the characters JSON escapes.
const UNITS = ['a', ' ', '~', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\0', '\x1f', '\x7f', '\x80', 'é', 'ÿ', 'Ā', '日', '\u2028', '\u2029', '\uFEFF', '\uFFFF', '😀', '🚀', '𝄞', '\uD800', '\uDFFF'];
const ESCAPES = ['\\u00e9', '\\u00E9', '\\ud83d\\ude00', '\\/', '\\"', '\\\\', '\\n', '\\u0000', '\\ud800', '\\udc00x', '\\u2028'];
const KEYS = ['a', 'b', '1', '10', '0', '-1', '__proto__', 'constructor', 'é', '', 'a'];

/** A seeded JSON text in every form Python reads: number lexemes, escapes, spacing, duplicates. */
function randomJson(random: () => number, depth = 0): string {
  const pick = <T>(list: readonly T[]): T => list[randomInt(random, list.length)]!;
  const space = () => pick(['', '', ' ', '  ', '\t', '\r']);
  const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i === 0 ? 1 + randomInt(random, 9) : randomInt(random, 10))).join('');
  switch (randomInt(random, depth > 2 ? 4 : 6)) {
    case 0:
      return pick(['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity', '0', '-0', '0.0', '-0.0']);
    case 1: {
      const sign = pick(['', '-']);
      const whole = pick(['0', digits(1 + randomInt(random, 25))]);
      const fraction = pick(['', '', `.${digits(1 + randomInt(random, 20))}`, '.0', '.50']);
      const exponent = pick(['', '', `e${randomInt(random, 30)}`, `E+${randomInt(random, 400)}`, `e-${randomInt(random, 330)}`, 'e-5']);
      return `${sign}${whole}${fraction}${exponent}`;
    }
    case 2:
    case 3: {
      let text = '';
      for (let i = randomInt(random, 8); i > 0; i--) text += random() < 0.7 ? JSON.stringify(pick(UNITS)).slice(1, -1) : pick(ESCAPES);
      return `"${text}"`;
    }
    case 4: {
      const items = Array.from({ length: randomInt(random, 4) }, () => `${space()}${randomJson(random, depth + 1)}${space()}`);
      return `[${items.join(',')}]`;
    }
    default: {
      const items = Array.from({ length: randomInt(random, 5) }, () => `${space()}${JSON.stringify(pick(KEYS))}${space()}:${space()}${randomJson(random, depth + 1)}`);
      return `{${items.join(',')}}`;
    }
  }
}

describeWithPython('recordings and replays, byte for byte against the Python reference', () => {
  it('reads and writes JSON exactly as json.loads and json.dumps do over a corpus', () => {
    const random = mulberry32(2025);
    const texts = [
      '{"text": "caf\\u00e9 \\ud83d\\ude80 \\"quoted\\"\\nnew line", "nested": {"items": [{"a": [1, 2.5, {"b": null}]}], "n": -0.0}}',
      '{"b": 1, "1": 2, "a": 3, "b": 4}',
      ...Array.from({ length: 800 }, () => randomJson(random)),
      // Doubles of every magnitude, written as JavaScript and as exponent forms.
      ...fc.sample(fc.double(), { seed: 7, numRuns: 1500 }).flatMap((n) => [String(n), n.toExponential(), n.toPrecision(17)]),
      // Strings of any code points, lone surrogates included.
      ...fc.sample(fc.string({ unit: 'binary', maxLength: 20 }), { seed: 8, numRuns: 300 }).map((s) => JSON.stringify({ s })),
      // Refused by both: Python's dialect is not JavaScript's.
      '{"a": 1,}', '[01]', 'nan', '"\t"', '"\\x"', '{"a" 1}', '1.', '.5', '+1', '-', '-Inf', "'a'", '[1]x',
    ];
    const ours = ourDumps(texts);
    expect(ours).toContain('ERROR');
    expect(ours).toBe(theirDumps(texts));
  });

  const STRINGS = ['', 'plain', 'café', '日本語', '😀🚀', 'say "hi"', 'back\\slash', 'line\nbreak', 'cr\rlf\r\n', '\u2028\u2029', 'tab\there', '\x7f\x01', 'data: x\n\nevent: done', '\uFEFF'];

  /** Seeded reference-emitter calls over every method, with ints, floats (2.0 stays a float) and NaN. */
  function randomCalls(seed: number, count: number): string[] {
    const random = mulberry32(seed);
    const s = () => JSON.stringify(STRINGS[randomInt(random, STRINGS.length)]! + STRINGS[randomInt(random, STRINGS.length)]!);
    const n = () => ['0', '7', '-3', '2.0', '0.0', '1.5', '1e16', '1e-7', 'NaN', 'Infinity', '12345678901234567890'][randomInt(random, 11)]!;
    const calls: Array<() => string> = [
      () => `{"method": "token", "args": [${s()}]}`,
      () => `{"method": "thinking", "args": [${s()}]}`,
      () => `{"method": "tool_use", "args": [${s()}, ${s()}, ${s()}]}`,
      () => `{"method": "tool_result", "args": [${s()}, ${s()}], "kwargs": {"duration_ms": ${n()}, "is_error": ${random() < 0.5}}}`,
      () => `{"method": "turn", "args": [${n()}, ${n()}]}`,
      () => `{"method": "progress", "args": [${s()}, ${n()}, ${s()}, {"current": ${n()}, "total": ${n()}, "item_title": ${s()}, "1": ${s()}}]}`,
      () => `{"method": "creation", "args": [${s()}, ${n()}], "kwargs": {"items": [{"id": ${s()}, "score": ${n()}}, {}]}}`,
      () => `{"method": "error", "args": [${s()}, ${s()}, {"code": ${n()}, "nested": {"deep": [${s()}, ${n()}]}}]}`,
      () => `{"method": "done", "kwargs": {"message_id": ${s()}, "num_turns": ${n()}, "model": ${s()}}}`,
      () => '{"method": "done"}',
    ];
    return Array.from({ length: count }, () => calls[randomInt(random, calls.length)]!());
  }

  async function replayWithOurs(path: string): Promise<string> {
    const io = fakeIO();
    expect(await runCli(['replay', path, '--speed', 'Infinity'], io)).toBe(0);
    expect(io.err).toBe('');
    return io.out;
  }

  it('replays a recording the Python recorder wrote exactly as the Python replay does', async () => {
    const calls = randomCalls(1, 300).map((call, index) => call.replace(/^\{/, `{"t": ${(index * 0.037).toFixed(3)}, `));
    const path = join(dir, 'python.jsonl');
    writeFileSync(path, runReference(['write'], `{"session": "py-1", "started_at": "2025-01-01T00:00:00+00:00", "calls": [${calls.join(', ')}]}`));
    const ours = await replayWithOurs(path);
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours).toBe(runReference(['replay', path]));
    const recording = parseRecording(readFileSync(path, 'utf8'));
    expect(recording.events).toHaveLength(300);
    expect(recording.events[299]!.t).toBeCloseTo(299 * 0.037, 9);
  });

  it('records the reference emitter’s frames into the very bytes the Python recorder writes, which both replays read alike', async () => {
    const calls = randomCalls(2, 300);
    const frames = runReference(['frames'], `{"calls": [${calls.join(', ')}]}`).trimEnd().split('\n').map((line) => JSON.parse(line) as string);
    const times = frames.map((_, index) => Math.round(index * 41.3 + (index % 3) * 0.4) / 1000);
    // Our recorder reads the frames split at seeded points, with the clock at each frame's time.
    let clock = 0;
    let lines = '';
    const recorder = new AgentStreamRecorder((line) => void (lines += line), { sessionId: 'py-2', date: () => new Date('2025-02-03T04:05:06.789Z'), now: () => clock });
    const random = mulberry32(3);
    async function* source() {
      for (const [index, frame] of frames.entries()) {
        clock = times[index]! * 1000;
        yield* splitAt(frame, randomPoints(random, frame.length, 3));
      }
    }
    for await (const _chunk of recorder.record(source()));
    const timed = calls.map((call, index) => call.replace(/^\{/, `{"t": ${times[index]!.toFixed(3)}, `));
    expect(lines).toBe(runReference(['write'], `{"session": "py-2", "started_at": "2025-02-03T04:05:06.789Z", "calls": [${timed.join(', ')}]}`));

    const path = join(dir, 'ours.jsonl');
    writeFileSync(path, lines);
    expect(await replayWithOurs(path)).toBe(runReference(['replay', path]));
  });

  it('records our emitter’s compact UTF-8 frames so that both replays write the same frames', async () => {
    const emitter = new AgentStreamEmitter();
    const frames = [
      emitter.thinking('Plan: 日本 🚀'),
      emitter.toolUse('search', 'tu_1', 'q="x"\n'),
      emitter.toolResult('search', 'tu_1', '\u2028 ok', 12.5),
      emitter.progress('step', 50, 'half', { current: 1, total: 2, itemTitle: 'é' }),
      emitter.done({ messageId: 'm', totalCostUsd: 0.25 }),
    ];
    let lines = '';
    for await (const _chunk of new AgentStreamRecorder((line) => void (lines += line), { now: () => 0 }).record(frames));
    const path = join(dir, 'emitter.jsonl');
    writeFileSync(path, lines);
    const ours = await replayWithOurs(path);
    expect(ours).toBe(runReference(['replay', path]));
    expect(ours).toContain('data: {"text": "Plan: \\u65e5\\u672c \\ud83d\\ude80"}');
    // Each of our lines is what json.dumps writes for it.
    expect(runReference(['dumps'], lines.trimEnd())).toBe(lines);
    const events = scriptFromRecording(lines);
    expect(events.map((event) => ('type' in event ? event.type : 'delay'))).toStrictEqual(['thinking', 'tool_use', 'tool_result', 'progress', 'done']);
    expect(events[2]).toMatchObject({ data: { outputSummary: '\u2028 ok', durationMs: 12.5 } });
  });
});
