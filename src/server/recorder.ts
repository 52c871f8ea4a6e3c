import { createSSEParser } from '../core/sse-parser';
import type { SSEFrame } from '../core/protocol';
import { recordingEventLine, recordingHeaderLine } from './recording-format';

/**
 * Where a recording goes, one line (ending in `\n`) at a time: a function, awaited when it returns
 * a promise, or a `WritableStream` of strings (the recorder never closes it: the caller owns it).
 */
export type RecordingSink = ((line: string) => void | Promise<void>) | WritableStream<string>;

/** Options of {@link AgentStreamRecorder}. */
export interface AgentStreamRecorderOptions {
  /** The header's session id. @default crypto.randomUUID() */
  sessionId?: string;
  /** A monotonic clock in milliseconds, for each event's `t`. @default performance.now */
  now?: () => number;
  /** The wall clock, read once for the header's `started_at`. @default () => new Date() */
  date?: () => Date;
}

/**
 * Records the events of SSE streams as a JSONL recording in the reference's format, while passing
 * the stream through unchanged. The header is written when the first stream starts, and `t` counts
 * seconds (to the millisecond) from then; several streams recorded in turn share the session.
 * Comments (heartbeats), frames with empty data, `id:` and `retry:` lines are not recorded. A
 * frame whose data is not JSON is recorded with its raw text as `data` (a JSON string), so a
 * replay still shows it where it came. Uses no Node API, so it runs on edge runtimes too. A sink
 * that fails makes the stream fail with its error.
 *
 * @example
 * import { appendFile } from 'node:fs/promises';
 *
 * const recorder = new AgentStreamRecorder((line) => appendFile('session.jsonl', line));
 * await pipeSSE(recorder.record(generate()), res);
 */
export class AgentStreamRecorder {
  /** The session id written in the header. */
  readonly sessionId: string;
  private readonly sink: RecordingSink;
  private readonly now: () => number;
  private readonly date: () => Date;
  private startedAt: number | undefined;

  /**
   * @param sink Receives the header line, then one line per event.
   * @param options Session id and clocks.
   */
  constructor(sink: RecordingSink, options: AgentStreamRecorderOptions = {}) {
    this.sink = sink;
    this.sessionId = options.sessionId ?? crypto.randomUUID();
    this.now = options.now ?? (() => performance.now());
    this.date = options.date ?? (() => new Date());
  }

  /**
   * Passes every chunk of `source` through unchanged, recording each event once the chunk that
   * completes it has been read (a frame may span chunks, a chunk may hold several frames). Ending
   * the returned stream early (`return()`, a client that went away) ends `source` too. Record the
   * streams of a session one after the other: a `WritableStream` sink is locked while one is recorded.
   *
   * @example
   * return toSSEResponse(recorder.record(emitFrames()));
   */
  async *record<Chunk extends string | Uint8Array>(source: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<Chunk, void, undefined> {
    const write = this.writer();
    try {
      let start = this.startedAt;
      if (start === undefined) {
        start = this.startedAt = this.now();
        await write(recordingHeaderLine(this.sessionId, this.date()));
      }
      const frames: SSEFrame[] = [];
      const parser = createSSEParser({ onFrame: (frame) => frames.push(frame) });
      const decoder = new TextDecoder();
      for await (const chunk of source) {
        parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
        for (const frame of frames.splice(0)) {
          if (frame.data === '') continue;
          const seconds = Math.round(this.now() - start) / 1000;
          await write(recordingEventLine(seconds, frame.event ?? 'message', frame.data));
        }
        yield chunk;
      }
    } finally {
      write.release();
    }
  }

  private writer(): ((line: string) => Promise<void>) & { release(): void } {
    const { sink } = this;
    if (typeof sink === 'function') return Object.assign(async (line: string) => sink(line), { release() {} });
    const writer = sink.getWriter();
    return Object.assign((line: string) => writer.write(line), { release: () => writer.releaseLock() });
  }
}
