import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { decodeEvent } from '../../src/core/decode';
import type { AgentStreamError } from '../../src/core/errors';
import type { SSEFrame } from '../../src/core/protocol';
import { createSSEParser } from '../../src/core/sse-parser';
import { AgentStreamEmitter } from '../../src/server/emitter';
import { HEARTBEAT_FRAME } from '../../src/server/sse-options';
import { describeWithPython, REFERENCE_DIR } from '../helpers/python-reference';

const HELPER = fileURLToPath(new URL('./reference-emitter.py', import.meta.url));
const CALLS = 600;
const SEED = 20_260_101;

type Method = 'token' | 'thinking' | 'tool_use' | 'tool_result' | 'turn' | 'progress' | 'creation' | 'error' | 'done';

/** One call of the Python API: positional `args` and keyword `kwargs`, Python names. */
interface Call {
  method: Method;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

const PARAMS: Record<Method, string[]> = {
  token: ['text'],
  thinking: ['text'],
  tool_use: ['tool_name', 'tool_use_id', 'input_summary'],
  tool_result: ['tool_name', 'tool_use_id', 'output_summary', 'duration_ms', 'is_error'],
  turn: ['turn_number', 'total_tools'],
  progress: ['step', 'percentage', 'message', 'sub_progress'],
  creation: ['creation_type', 'count', 'tool_use_id', 'items'],
  error: ['error_type', 'message', 'details'],
  done: ['message_id', 'num_turns', 'tool_count', 'duration_ms', 'model', 'total_cost_usd'],
};
// How many leading parameters are required.
const REQUIRED: Record<Method, number> = { token: 1, thinking: 1, tool_use: 2, tool_result: 2, turn: 1, progress: 3, creation: 2, error: 2, done: 0 };
// Optional parameters whose Python default is None, so None may be passed explicitly.
const NONE_OK = new Set(['sub_progress', 'items', 'details']);

const SPECIAL_TEXT = [
  '', ' ', '"', "'", '\\', '\\n', '\n', '\r', '\r\n', '\n\n', '\u2028', '\u2029', '\u0085', '\0', '\t', '\u000b', '\u001c',
  'é', '日本語', 'עברית', '🚀', '👩‍👩‍👧', '🇫🇷', '𝄞', '\ud800', '\udfff', '\uFEFF', 'event: token', 'data: {"text":"x"}', ': comment', 'id: 7',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...SPECIAL_TEXT), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 5 })
  .map((parts) => parts.join(''));
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0.1, 0.5, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -Infinity),
);
const integer = fc.oneof(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), fc.bigInt({ min: -1000n, max: 1000n }));
const key = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'item_title', 'current', 'total', 'code', 'toString'));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    integer,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
})).value;
const object = fc.dictionary(key, json, { maxKeys: 5, noNullPrototype: true });
const subProgress = fc
  .record({ current: number, total: number, item_title: text }, { requiredKeys: [] })
  .chain((known) => object.map((extra) => ({ ...extra, ...known })));

const ARGUMENTS: Record<Method, fc.Arbitrary<unknown>[]> = {
  token: [text],
  thinking: [text],
  tool_use: [text, text, text],
  tool_result: [text, text, text, number, fc.boolean()],
  turn: [number, number],
  progress: [text, number, text, subProgress],
  creation: [text, number, text, fc.array(object, { maxLength: 3 })],
  error: [text, text, object],
  done: [text, number, number, number, text, number],
};

/** A call with its required arguments and a random choice of optional ones, positional or by keyword. */
function callOf(method: Method): fc.Arbitrary<Call> {
  const names = PARAMS[method];
  const optional = names.slice(REQUIRED[method]).map((name, i) => {
    const value = ARGUMENTS[method][REQUIRED[method] + i]!;
    return fc.oneof(fc.constant(undefined), NONE_OK.has(name) ? fc.oneof(value, fc.constant(null)) : value);
  });
  return fc
    .tuple(fc.tuple(...ARGUMENTS[method].slice(0, REQUIRED[method])), fc.tuple(...optional), fc.boolean())
    .map(([required, optionals, byKeyword]) => {
      const args: unknown[] = [...required];
      const kwargs: Record<string, unknown> = {};
      optionals.forEach((value, i) => {
        if (value === undefined) return;
        const name = names[REQUIRED[method] + i]!;
        // Python allows positional only while no earlier optional argument was skipped.
        if (!byKeyword && args.length === REQUIRED[method] + i) args.push(value);
        else kwargs[name] = value;
      });
      return { method, args, kwargs };
    });
}

/** The same call on our emitter. */
function ourFrame(emitter: AgentStreamEmitter, call: Call): string {
  const names = PARAMS[call.method];
  const a: unknown[] = [...call.args];
  for (const [name, value] of Object.entries(call.kwargs)) a[names.indexOf(name)] = value;
  const s = (i: number) => a[i] as string;
  const n = (i: number) => a[i] as number;
  switch (call.method) {
    case 'token':
      return emitter.token(s(0));
    case 'thinking':
      return emitter.thinking(s(0));
    case 'tool_use':
      return emitter.toolUse(s(0), s(1), a[2] as string | undefined);
    case 'tool_result':
      return emitter.toolResult(s(0), s(1), a[2] as string | undefined, a[3] as number | undefined, a[4] as boolean | undefined);
    case 'turn':
      return emitter.turn(n(0), a[1] as number | undefined);
    case 'progress':
      return emitter.progress(s(0), n(1), s(2), camelItemTitle(a[3]));
    case 'creation':
      return emitter.creation(s(0), n(1), a[2] as string | undefined, a[3] as unknown[] | null | undefined);
    case 'error':
      return emitter.error(s(0), s(1), a[2] as Record<string, unknown> | null | undefined);
    case 'done':
      return emitter.done({
        messageId: a[0] as string | undefined,
        numTurns: a[1] as number | undefined,
        toolCount: a[2] as number | undefined,
        durationMs: a[3] as number | undefined,
        model: a[4] as string | undefined,
        totalCostUsd: a[5] as number | undefined,
      });
  }
}

/** Our emitter takes `itemTitle`, as the rest of the TypeScript API is camelCase. */
function camelItemTitle(sub: unknown): Record<string, unknown> | null | undefined {
  if (sub === null || sub === undefined) return sub;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sub as Record<string, unknown>)) {
    Object.defineProperty(out, name === 'item_title' ? 'itemTitle' : name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** JSON for the helper's stdin, with what JSON cannot carry tagged. */
function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return { $int: v.toString() };
    if (typeof v === 'number' && !Number.isFinite(v)) return { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
    return v;
  });
}

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasNonFinite);
  return false;
}

/** decodeEvent of the one frame in `text`, as plain data: the event or the error, and the warnings. */
function decodeOne(text: string) {
  const frames: SSEFrame[] = [];
  createSSEParser({ onFrame: (frame) => frames.push(frame) }).feed(text);
  expect(frames).toHaveLength(1);
  const result = decodeEvent(frames[0]!);
  if (result === null) throw new Error(`a heartbeat, not an event: ${JSON.stringify(text)}`);
  const plain = ({ code, severity, message }: AgentStreamError) => ({ code, severity, message });
  // The decoder refuses some frames both emitters write (a tool_use with an empty tool_use_id): the same refusal is parity too.
  if (!result.ok) return { error: plain(result.error), warnings: [] };
  return { event: result.event, warnings: result.warnings.map(plain) };
}

interface Reference {
  frame: string;
  seed: boolean;
  client: boolean;
  seed_with_id: string | null;
}

const METHODS = Object.keys(PARAMS) as Method[];
const calls = fc.sample(fc.oneof(...METHODS.map(callOf)), { seed: SEED, numRuns: CALLS });

describeWithPython('parity with the Python reference emitter', () => {
  const plain = new AgentStreamEmitter();
  const withIds = new AgentStreamEmitter({ ids: true });
  const ours = calls.map((call) => ourFrame(plain, call));
  const oursStreams = calls.map((call) => HEARTBEAT_FRAME + ourFrame(withIds, call));
  let reference: Reference[] = [];

  beforeAll(() => {
    const input = calls.map((call, i) => toWireJson({ ...call, ours: ours[i], ours_stream: oursStreams[i] })).join('\n') + '\n';
    const run = spawnSync('python3', [HELPER, REFERENCE_DIR], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, PYTHONUTF8: '1', PYTHONIOENCODING: 'utf-8' },
    });
    if (run.error !== undefined || run.status !== 0) {
      throw new Error(`python3 ${HELPER} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
    }
    reference = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Reference);
  });

  it(`covers every method, optional form and awkward character in ${CALLS} seeded calls`, () => {
    for (const method of METHODS) expect(calls.filter((call) => call.method === method).length).toBeGreaterThan(30);
    const all = toWireJson(calls);
    for (const special of SPECIAL_TEXT.filter((t) => t.length > 0)) expect(all).toContain(JSON.stringify(special).slice(1, -1));
    expect(calls.some((call) => Object.keys(call.kwargs).length > 0)).toBe(true);
    expect(calls.some((call) => call.args.length < PARAMS[call.method].length && Object.keys(call.kwargs).length === 0)).toBe(true);
    expect(calls.some((call) => [...call.args, ...Object.values(call.kwargs)].includes(null))).toBe(true);
    expect(all).toContain('"$int"');
    expect(all).toContain('"$float":"nan"');
    expect(all).toContain('"__proto__"');
    expect(reference).toHaveLength(CALLS);
  });

  it('decodes our frame to the same event as the reference frame, warnings included', () => {
    for (const [i, call] of calls.entries()) {
      const theirs = decodeOne(reference[i]!.frame);
      const mine = decodeOne(ours[i]!);
      // toEqual: toStrictEqual compares `constructor`, which here can be an own key of free-form data.
      expect(mine.event, `call ${i}: ${toWireJson(call)}`).toEqual(theirs.event);
      expect(mine.error, `call ${i}`).toStrictEqual(theirs.error);
      // The reference writes NaN and Infinity bare, which our decoder reads as null with a warning;
      // we write null, standard JSON, which needs none. Every other warning must be the same.
      const nonFinite = theirs.warnings.filter((w) => w.message.includes('non-finite number (NaN or Infinity)'));
      expect(nonFinite.length > 0, `call ${i}`).toBe(hasNonFinite(call));
      expect(mine.warnings, `call ${i}`).toStrictEqual(theirs.warnings.filter((w) => !nonFinite.includes(w)));
    }
  });

  it('decodes our frames with ids to the same events, with the ids', () => {
    let refused = 0;
    for (const [i, stream] of oursStreams.entries()) {
      const mine = decodeOne(stream);
      const theirs = decodeOne(reference[i]!.frame);
      if (theirs.event === undefined) {
        refused++;
        expect(mine.error?.message).toBe(theirs.error?.message.replace(/^Frame "(\w+)"/, `Frame "$1" (id ${i + 1})`));
      } else {
        expect(mine.event).toEqual({ ...theirs.event, id: String(i + 1) });
      }
    }
    expect(refused).toBeLessThan(CALLS / 10);
  });

  it('is read by the seed’s own _parse exactly as the reference frame is', () => {
    const failed = reference.flatMap((result, i) => (result.seed ? [] : [`call ${i}: ${toWireJson(calls[i])} → ${ours[i]}`]));
    expect(failed).toStrictEqual([]);
  });

  it('is read by the reference client’s line rules with ids and heartbeats in the stream; _parse itself cannot skip an id line', () => {
    const failed = reference.flatMap((result, i) => (result.client ? [] : [`call ${i}: ${oursStreams[i]}`]));
    expect(failed).toStrictEqual([]);
    // `_parse` is a test helper that reads line 1 as `event:`: an id line first breaks it, which is
    // why the emitter writes ids only when asked, and the reference's client, which skips unknown lines, is fine.
    expect(reference.every((result) => result.seed_with_id !== null && /JSONDecodeError/.test(result.seed_with_id))).toBe(true);
  });
});
