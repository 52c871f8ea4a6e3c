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
const COLON = 58;
const D = 100; // 'd'
const E = 101; // 'e'
const I = 105; // 'i'
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
    if (frameData !== undefined) onFrame(makeFrame(frameData, frameEvent || undefined, id));
  }

  // Any line: a field `name: value`, a comment, or a blank line that ends the frame.
  function processLine(line: string): void {
    if (line === '') return dispatch();
    if (line.charCodeAt(0) === COLON) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(valueStart(line, colon + 1, line.length));
    switch (field) {
      case 'data':
        data = data === undefined ? value : data + '\n' + value;
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (value.indexOf('\0') === -1) frameId = value;
        break;
      case 'retry':
        if (onRetry && isAsciiDigits(value)) onRetry(Number(value));
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
    // The frame being read lives in locals for the chunk (the hot loop then touches no closure
    // slot), and goes back to the closure around processLine and when the chunk ends, even by a throw.
    let frameData = data;
    let frameEvent = eventType;
    let id = frameId;
    try {
      // Each indexOf is rerun only once the scan has passed its last hit, so a chunk is scanned in
      // linear time however many lines it holds and whichever line endings it mixes.
      let nextLF = chunk.indexOf('\n', pos);
      let nextCR = chunk.indexOf('\r', pos);
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
        // The protocol's own lines are read in place, recognised by their first characters and
        // the colon right after the name; anything else, and a line begun in an earlier chunk,
        // goes through processLine.
        const first = pending.length > 0 || start === end ? -1 : chunk.charCodeAt(start);
        if (first === D && chunk.charCodeAt(start + 4) === COLON && isData(chunk, start)) {
          const value = chunk.slice(valueStart(chunk, start + 5, end), end);
          frameData = frameData === undefined ? value : frameData + '\n' + value;
        } else if (first === E && chunk.charCodeAt(start + 5) === COLON && isEvent(chunk, start)) {
          frameEvent = internEventType(chunk, valueStart(chunk, start + 6, end), end);
        } else if (first === I && chunk.charCodeAt(start + 1) === D && chunk.charCodeAt(start + 2) === COLON) {
          const value = chunk.slice(valueStart(chunk, start + 3, end), end);
          if (value.indexOf('\0') === -1) id = value;
        } else if (start === end && pending.length === 0) {
          // WHATWG: the last event ID is committed here, also for a frame without data; a frame
          // without any `data` line is not dispatched, while `data:` alone dispatches ''.
          const dispatched = frameData;
          const dispatchedEvent = frameEvent;
          const dispatchedId = id;
          frameData = frameEvent = id = undefined;
          if (dispatchedId !== undefined && onId) onId(dispatchedId);
          if (dispatched !== undefined) onFrame(makeFrame(dispatched, dispatchedEvent || undefined, dispatchedId));
        } else {
          let line = chunk.slice(start, end);
          if (pending.length > 0) {
            pending.push(line);
            line = pending.join('');
            pending = [];
          }
          data = frameData;
          eventType = frameEvent;
          frameId = id;
          processLine(line);
          frameData = data;
          frameEvent = eventType;
          id = frameId;
        }
      }
      if (pos < length) pending.push(pos === 0 ? chunk : chunk.slice(pos));
    } finally {
      data = frameData;
      eventType = frameEvent;
      frameId = id;
    }
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
  const first = text.charCodeAt(start);
  for (const name of COMMON_TYPES) {
    if (name.length === length && name.charCodeAt(0) === first && text.startsWith(name, start)) return name;
  }
  return text.slice(start, end);
}

// Unrolled char comparisons: per line they cost measurably less than startsWith with a position.
function isData(text: string, at: number): boolean {
  return text.charCodeAt(at + 1) === 97 && text.charCodeAt(at + 2) === 116 && text.charCodeAt(at + 3) === 97; // "ata"
}

function isEvent(text: string, at: number): boolean {
  return (
    text.charCodeAt(at + 1) === 118 && // v
    text.charCodeAt(at + 2) === 101 && // e
    text.charCodeAt(at + 3) === 110 && // n
    text.charCodeAt(at + 4) === 116 // t
  );
}

/** Where a field's value starts: after the colon and one optional space. */
function valueStart(text: string, afterColon: number, end: number): number {
  return afterColon < end && text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
