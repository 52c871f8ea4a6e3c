import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AdapterOutput, AdapterProbe, ProtocolAdapter } from '../../src/core/adapter';
import { AgentStreamError, isAgentStreamError } from '../../src/core/errors';
import type { AgentEvent, SSEFrame } from '../../src/core/protocol';
import { initialAgentState, reduceAgentEvent } from '../../src/core/reducer';
import { createSSEByteParser } from '../../src/core/sse-parser';
import type { AgentState } from '../../src/core/state';
import { splitAt } from './chunks';

/** An SSE body, or one chunk of it: text (sent as UTF-8) or bytes. */
export type SSEBody = string | Uint8Array;

/** What one decoder made of a whole SSE body. */
export interface AdapterRun {
  /** Everything the decoder emitted, in order, `close`'s final events included. */
  items: (AgentEvent | AgentStreamError)[];
  /** What `close` returned: whether the clean close ended the run (else it was a drop). */
  endsRun: boolean;
}

const encoder = new TextEncoder();
const bytesOf = (body: SSEBody): Uint8Array => (typeof body === 'string' ? encoder.encode(body) : body);

/**
 * Feeds an SSE body through the SSE byte parser into a fresh decoder of `adapter`, then closes it:
 * one body cut at the byte offsets `points`, or a body already cut into `chunks`.
 */
export function runAdapter(adapter: ProtocolAdapter, body: SSEBody, points?: readonly number[]): AdapterRun;
export function runAdapter(adapter: ProtocolAdapter, chunks: readonly SSEBody[]): AdapterRun;
export function runAdapter(adapter: ProtocolAdapter, input: SSEBody | readonly SSEBody[], points: readonly number[] = []): AdapterRun {
  const chunks = typeof input === 'string' || input instanceof Uint8Array ? splitAt(bytesOf(input), points) : input.map(bytesOf);
  const decoder = adapter.createDecoder();
  const items: AdapterRun['items'] = [];
  const emit: AdapterOutput = (item) => void items.push(item);
  const parser = createSSEByteParser({ onFrame: (frame) => decoder.decode(frame, emit) });
  for (const chunk of chunks) parser.feed(chunk);
  return { items, endsRun: decoder.close(emit) };
}

/** The events of a run alone (errors left out). */
export const eventsOf = (run: AdapterRun): AgentEvent[] => run.items.filter((item): item is AgentEvent => !isAgentStreamError(item));

/** The errors of a run alone. */
export const errorsOf = (run: AdapterRun): AgentStreamError[] => run.items.filter(isAgentStreamError);

/** The items with each error as `{ error: code, severity, message }`, so lists compare with `toEqual`. */
export function comparable(items: AdapterRun['items']): unknown[] {
  return items.map((item) => (isAgentStreamError(item) ? { error: item.code, severity: item.severity, message: item.message } : item));
}

/**
 * The store after a run, driven as `connectAgentStream` drives it: a run starts, events reduce,
 * errors are recorded; a run still open at the end is ended by the clean close when `close` said so
 * (`done`, or `error` when the last event was an `error` event: SPEC §3), else interrupted as a drop.
 */
export function storeAfter(run: AdapterRun): AgentState {
  let state = reduceAgentEvent(initialAgentState(), { type: 'client/run-start' });
  for (const item of run.items) state = reduceAgentEvent(state, isAgentStreamError(item) ? { type: 'client/error', error: item } : item);
  if (!state.run || state.run.ended) return state;
  if (!run.endsRun) {
    return reduceAgentEvent(state, { type: 'client/run-end', reason: 'interrupted', error: new AgentStreamError('interrupted', 'The stream ended before "done"') });
  }
  return reduceAgentEvent(state, { type: 'client/run-end', reason: eventsOf(run).at(-1)?.type === 'error' ? 'error' : 'done' });
}

const ADAPTER_FIXTURES = new URL('../fixtures/adapters/', import.meta.url);

/** The bytes of `test/fixtures/adapters/<path>`, e.g. `readAdapterFixture('shipit/basic.sse')`. */
export const readAdapterFixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, ADAPTER_FIXTURES)));

/** The first frame of an SSE body (as `detect` is probed); throws when the body has none. */
export function firstFrame(body: SSEBody): SSEFrame {
  const frames: SSEFrame[] = [];
  createSSEByteParser({ onFrame: (frame) => void frames.push(frame) }).feed(bytesOf(body));
  if (!frames[0]) throw new Error('no frame in the body');
  return frames[0];
}

/**
 * Typical first frames of every protocol, keyed `<protocol>` or `<protocol> <variant>` (from
 * /work/shared/research/protocols.md and the fixtures), for checking that a `detect` claims only its
 * own: a test leaves out, or expects `true` for, its protocol's keys.
 */
export const OTHER_FIRST_FRAMES: Record<string, SSEFrame> = {
  'agent-event-stream': firstFrame(readFileSync(new URL('../fixtures/reference/stream.sse', import.meta.url))),
  'agent-event-stream error': { event: 'error', data: '{"error_type": "timeout", "message": "Upstream slow", "details": {}}' },
  'ai-sdk': { data: '{"type":"start","messageId":"msg_1"}' },
  'ai-sdk bare start': { data: '{"type":"start"}' },
  'ai-sdk error': { data: '{"type":"error","errorText":"boom"}' },
  'ag-ui': { data: '{"type":"RUN_STARTED","threadId":"th1","runId":"run1"}' },
  'assistant-stream transport': { data: '{"type":"step-start","messageId":"msg_1","path":[]}' },
  'assistant-stream data stream': { data: '0:"Hello"' },
  'openai-chat': {
    data: '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  },
  'openai-responses': {
    event: 'response.created',
    data: '{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}',
  },
  anthropic: {
    event: 'message_start',
    data: '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-x","usage":{"input_tokens":10,"output_tokens":1}}}',
  },
  'pydantic-ai-stream': firstFrame(readAdapterFixture('pydantic-ai-stream/basic.sse')),
  shipit: firstFrame(readAdapterFixture('shipit/basic.sse')),
  'pydantic-deep': firstFrame(readAdapterFixture('pydantic-deep/run-stream.sse')),
};

/** The first frame of every SSE fixture of the other protocols' adapters (test/fixtures/adapters/<protocol>/*.sse), by path. */
export function otherFixtureFrames(protocol: string): Array<[string, SSEFrame]> {
  return readdirSync(ADAPTER_FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== protocol)
    .flatMap((dir) => readdirSync(new URL(`${dir.name}/`, ADAPTER_FIXTURES)).filter((name) => name.endsWith('.sse')).map((name) => `${dir.name}/${name}`))
    .map((path): [string, SSEFrame] => [path, firstFrame(readAdapterFixture(path))]);
}

/** Reads a whole body cut at the byte offsets `points`, as {@link runAdapter} does or a non-SSE reader would. */
export type SplitRun = (body: Uint8Array, points: readonly number[]) => AdapterRun;

/** What {@link expectSameEventsForAnySplit} checks beyond the bodies. */
export interface AnySplitOptions {
  /** Runs of the fast-check property that cuts a body at random points. @default 200 */
  numRuns?: number;
  /** What `close` must return for each body (whether its clean close ends the run); unchecked when absent. */
  endsRun?: boolean;
}

/**
 * Expects each whole body to give the very same run (items, errors compared field by field, and
 * `endsRun`) fed one byte at a time (multi-byte characters cut everywhere) and cut at up to 40
 * random points, a fast-check property that draws one of the bodies per run.
 *
 * @param reader The adapter (read through the SSE parser) or a {@link SplitRun} for another framing.
 * @param bodies One whole body, or several whole bodies (an array is never the chunks of one).
 * @example
 * it('gives the same events for any split of the bytes', () => expectSameEventsForAnySplit(shipit, fixture('basic.sse'), { numRuns: 150 }));
 */
export function expectSameEventsForAnySplit(reader: ProtocolAdapter | SplitRun, bodies: SSEBody | readonly SSEBody[], { numRuns = 200, endsRun }: AnySplitOptions = {}): void {
  const run: SplitRun = typeof reader === 'function' ? reader : (body, points) => runAdapter(reader, body, points);
  const all = (typeof bodies === 'string' || bodies instanceof Uint8Array ? [bodies] : bodies).map(bytesOf);
  const wholes = all.map((bytes) => run(bytes, []));
  all.forEach((bytes, i) => {
    if (endsRun !== undefined) expect(wholes[i]!.endsRun).toBe(endsRun);
    expect(run(bytes, Array.from(bytes.keys()))).toEqual(wholes[i]);
  });
  const cut = fc.nat({ max: all.length - 1 }).chain((i) => fc.tuple(fc.constant(i), fc.array(fc.nat({ max: all[i]!.length }), { maxLength: 40 })));
  fc.assert(
    fc.property(cut, ([i, points]) => {
      expect(run(all[i]!, points)).toEqual(wholes[i]);
    }),
    { numRuns },
  );
}

/** The first frames {@link describeDetect} expects an adapter to claim, and which of {@link OTHER_FIRST_FRAMES} are its own. */
export interface DetectClaims {
  /** Fixtures in the adapter's own folder, `test/fixtures/adapters/<adapter.name>/`, whose first frame it claims. */
  fixtures: readonly string[];
  /** More first frames it claims, keyed by what they are (the test name). @default {} */
  frames?: Readonly<Record<string, SSEFrame>>;
  /** The keys of {@link OTHER_FIRST_FRAMES} it claims; it must refuse every other entry. */
  ownKeys: readonly string[];
}

/**
 * Declares `<adapter.name>: detect`: it claims the given first frames and exactly its own entries of
 * {@link OTHER_FIRST_FRAMES}, and refuses an empty body and the first frame of every other adapter's
 * fixture; `extra` declares the adapter's own cases inside the same block.
 *
 * @example
 * describeDetect(shipit, { fixtures: ['basic.sse'], ownKeys: ['shipit'] }, () => {
 *   it('does not claim the same object without its event name', () => { ... });
 * });
 */
export function describeDetect(adapter: ProtocolAdapter, { fixtures, frames = {}, ownKeys }: DetectClaims, extra?: () => void): void {
  const claims = (frame: SSEFrame | null) => adapter.detect?.(sseProbe(frame));
  describe(`${adapter.name}: detect`, () => {
    const claimed = [...fixtures.map((name): [string, SSEFrame] => [name, firstFrame(readAdapterFixture(`${adapter.name}/${name}`))]), ...Object.entries(frames)];
    it.each(claimed)('claims %s', (_, frame) => {
      expect(claims(frame)).toBe(true);
    });

    it(`claims exactly its own typical first frames (${ownKeys.join(', ')})`, () => {
      const names = Object.keys(OTHER_FIRST_FRAMES);
      expect(Object.fromEntries(names.map((name) => [name, claims(OTHER_FIRST_FRAMES[name]!)]))).toEqual(Object.fromEntries(names.map((name) => [name, ownKeys.includes(name)])));
    });

    it("claims the first frame of no other adapter's fixture", () => {
      expect(otherFixtureFrames(adapter.name).flatMap(([path, frame]) => (claims(frame) === false ? [] : [path]))).toEqual([]);
    });

    it('does not claim an empty body', () => {
      expect(claims(null)).toBe(false);
    });

    extra?.();
  });
}

/** A probe as `'auto'` builds it for an SSE response whose first frame is `frame`. */
export const sseProbe = (frame: SSEFrame | null): AdapterProbe => ({
  contentType: 'text/event-stream',
  headers: new Headers({ 'content-type': 'text/event-stream' }),
  frame,
});

/** A streaming HTTP response carrying `body`, for the SDKs' parsers. */
export function sseResponse(body: Uint8Array): Response {
  return new Response(body.slice(), { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}

/** A `fetch` for an SDK client that answers every request with `body` as an event stream. */
export const fetchReturning = (body: Uint8Array) => (): Promise<Response> => Promise.resolve(sseResponse(body));
