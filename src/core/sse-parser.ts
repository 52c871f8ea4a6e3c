import type { SSEFrame } from './protocol';

/** What a parser reports while it reads an event stream. */
export interface SSEParserCallbacks {
  /** Called once per dispatched frame, i.e. at each blank line that ends a frame with data. */
  onFrame(frame: SSEFrame): void;
  /** Called for each valid `retry:` field (all ASCII digits), with the reconnection time in ms. */
  onRetry?(ms: number): void;
  /**
   * Called at the blank line that ends a frame with an `id:` field (not one containing NUL), also
   * an empty one and also when the frame has no data: that is when WHATWG commits the last event ID.
   */
  onId?(id: string): void;
}

/** An incremental `text/event-stream` parser over decoded text. */
export interface SSEParser {
  /** Parses the next piece of the stream; a piece may end anywhere, even inside a CRLF. */
  feed(chunk: string): void;
  /** Forgets everything buffered so the next `feed` starts a new stream (BOM included). */
  reset(): void;
}

/** An incremental `text/event-stream` parser over raw UTF-8 bytes. */
export interface SSEByteParser {
  /** Parses the next bytes of the stream; a multi-byte character may be split across calls. */
  feed(chunk: Uint8Array): void;
  /** Forgets everything buffered, including an incomplete UTF-8 sequence. */
  reset(): void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const BOM = 0xfeff;

/**
 * Creates a parser that follows the WHATWG event-stream interpretation rules and never throws on
 * any input; exceptions thrown by a callback propagate to the caller of `feed`.
 *
 * @example
 * const parser = createSSEParser({ onFrame: (frame) => console.log(decodeEvent(frame)) });
 * parser.feed('event: token\ndata: {"text":"hi"}\n\n');
 */
export function createSSEParser(callbacks: SSEParserCallbacks): SSEParser {
  const { onFrame, onRetry, onId } = callbacks;
  // The tail of the stream that has no line end yet. Kept as pieces and joined once, when its line
  // ends, so a long line fed in many chunks costs linear time.
  let pending: string[] = [];
  // The previous chunk ended in CR: a LF at the start of the next chunk completes that CRLF.
  let afterCR = false;
  let started = false;
  let data: string | undefined;
  let eventType: string | undefined;
  let frameId: string | undefined;

  function dispatch(): void {
    const frameData = data;
    const frameEvent = eventType;
    const id = frameId;
    data = undefined;
    eventType = undefined;
    frameId = undefined;
    if (id !== undefined && onId) onId(id);
    // WHATWG: a frame without any `data` line is not dispatched; `data:` alone dispatches ''.
    if (frameData === undefined) return;
    onFrame(makeFrame(frameData, frameEvent || undefined, id));
  }

  // Reads the line text[start, end) in place, without slicing it out first; `colon` is the index
  // of its first ':' or -1.
  function processLine(text: string, start: number, end: number, colon: number): void {
    if (start === end) {
      dispatch();
      return;
    }
    if (colon === start) return;
    let fieldEnd = end;
    let valueStart = end;
    if (colon !== -1) {
      fieldEnd = colon;
      valueStart = colon + 1;
      if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    }
    switch (fieldEnd - start) {
      case 4:
        if (text.startsWith('data', start)) {
          const value = text.slice(valueStart, end);
          data = data === undefined ? value : data + '\n' + value;
        }
        break;
      case 5:
        if (text.startsWith('event', start)) {
          eventType = internEventType(text, valueStart, end);
        } else if (text.startsWith('retry', start)) {
          const value = text.slice(valueStart, end);
          if (onRetry && isAsciiDigits(value)) onRetry(Number(value));
        }
        break;
      case 2:
        if (text.startsWith('id', start)) {
          const value = text.slice(valueStart, end);
          if (value.indexOf('\0') === -1) {
            frameId = value;
          }
        }
        break;
    }
  }

  function feed(chunk: string): void {
    const length = chunk.length;
    if (length === 0) return;
    let pos = 0;
    if (!started) {
      started = true;
      if (chunk.charCodeAt(0) === BOM) pos = 1;
    }
    if (afterCR) {
      afterCR = false;
      if (chunk.charCodeAt(pos) === LF) pos++;
    }
    // Each indexOf is rerun only once the scan has passed its last hit, so a chunk is scanned in
    // linear time however many lines it holds, whichever line endings it mixes, and even when
    // lines have no colon.
    let nextLF = chunk.indexOf('\n', pos);
    let nextCR = chunk.indexOf('\r', pos);
    let nextColon = chunk.indexOf(':', pos);
    while (pos < length) {
      if (nextLF !== -1 && nextLF < pos) nextLF = chunk.indexOf('\n', pos);
      if (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf('\r', pos);
      const end = nextLF === -1 ? nextCR : nextCR === -1 || nextLF < nextCR ? nextLF : nextCR;
      if (end === -1) break;
      const start = pos;
      pos = end + 1;
      if (chunk.charCodeAt(end) === CR) {
        if (pos === length) afterCR = true;
        else if (chunk.charCodeAt(pos) === LF) pos++;
      }
      if (pending.length > 0) {
        pending.push(chunk.slice(start, end));
        const line = pending.join('');
        pending = [];
        processLine(line, 0, line.length, line.indexOf(':'));
      } else {
        if (nextColon !== -1 && nextColon < start) nextColon = chunk.indexOf(':', start);
        processLine(chunk, start, end, nextColon !== -1 && nextColon < end ? nextColon : -1);
      }
    }
    if (pos < length) pending.push(pos === 0 ? chunk : chunk.slice(pos));
  }

  function reset(): void {
    pending = [];
    afterCR = false;
    started = false;
    data = undefined;
    eventType = undefined;
    frameId = undefined;
  }

  return { feed, reset };
}

/**
 * Creates a parser that takes UTF-8 bytes, decoding them in streaming mode so a character split
 * across chunks stays intact; invalid bytes become U+FFFD.
 *
 * @example
 * const parser = createSSEByteParser({ onFrame });
 * for await (const bytes of response.body) parser.feed(bytes);
 */
export function createSSEByteParser(callbacks: SSEParserCallbacks): SSEByteParser {
  const parser = createSSEParser(callbacks);
  let decoder = new TextDecoder('utf-8');
  return {
    feed(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    reset() {
      decoder = new TextDecoder('utf-8');
      parser.reset();
    },
  };
}

/** A frame built as one literal per shape: adding properties one by one costs shape transitions per frame. */
function makeFrame(data: string, event: string | undefined, id: string | undefined): SSEFrame {
  if (event === undefined) return id === undefined ? { data } : { data, id };
  return id === undefined ? { event, data } : { event, data, id };
}

// Frequent types, most frequent first: returning the literal spares a string per frame.
const COMMON_TYPES = ['token', 'thinking', 'tool_use', 'tool_result', 'progress', 'usage', 'done', 'error', 'turn', 'creation', 'message'];

function internEventType(text: string, start: number, end: number): string {
  const length = end - start;
  for (const name of COMMON_TYPES) if (name.length === length && text.startsWith(name, start)) return name;
  return text.slice(start, end);
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
