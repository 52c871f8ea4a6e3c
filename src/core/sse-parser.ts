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

// Frequent types, most frequent first: returning the literal spares a string per frame.
const COMMON_TYPES = ['token', 'thinking', 'tool_use', 'tool_result', 'progress', 'usage', 'done', 'error', 'turn', 'creation', 'message'];

/**
 * Creates a parser that follows the WHATWG event-stream interpretation rules and never throws on
 * any input; exceptions thrown by a callback propagate to the caller of `feed`.
 *
 * @example
 * const parser = createSSEParser({ onFrame: (frame) => console.log(decodeEvent(frame)) });
 * parser.feed('event: token\ndata: {"text":"hi"}\n\n');
 */
export function createSSEParser({ onFrame, onRetry, onId }: SSEParserCallbacks): SSEParser {
  // The tail of the stream that has no line end yet. Kept as pieces and joined once, when its line
  // ends, so a long line fed in many chunks costs linear time.
  let pending: string[] = [];
  // The previous chunk ended in CR: a LF at the start of the next chunk completes that CRLF.
  let afterCR = false;
  let started = false;
  let data: string | undefined;
  let type: string | undefined;
  let id: string | undefined;

  return {
    feed(chunk) {
      const length = chunk.length;
      let pos = 0;
      if (!started && length) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) pos = 1;
      }
      if (afterCR && length) {
        afterCR = false;
        if (chunk.charCodeAt(pos) === 10) pos++;
      }
      // The frame being read lives in locals for the chunk (the hot loop then touches no closure
      // slot), and goes back to the closure when the chunk ends, even by a throw.
      let frameData = data;
      let frameType = type;
      let frameId = id;
      try {
        // Each indexOf is rerun only once the scan has passed its last hit, so a chunk is scanned in
        // linear time however many lines it holds and whichever line endings it mixes.
        let nextLF = chunk.indexOf('\n', pos);
        let nextCR = chunk.indexOf('\r', pos);
        while (pos < length) {
          if (nextLF !== -1 && nextLF < pos) nextLF = chunk.indexOf('\n', pos);
          if (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf('\r', pos);
          let end = nextLF === -1 ? nextCR : nextCR === -1 || nextLF < nextCR ? nextLF : nextCR;
          if (end === -1) break;
          let start = pos;
          pos = end + 1;
          if (chunk.charCodeAt(end) === 13) {
            if (pos === length) afterCR = true;
            else if (chunk.charCodeAt(pos) === 10) pos++;
          }
          let text = chunk;
          if (pending.length > 0) {
            pending.push(chunk.slice(start, end));
            text = pending.join('');
            pending = [];
            start = 0;
            end = text.length;
          }
          if (start === end) {
            // WHATWG: the last event ID is committed here, also for a frame without data; a frame
            // without any `data` line is not dispatched, while `data:` alone dispatches ''.
            const dispatched = frameData;
            const dispatchedType = frameType || undefined;
            const dispatchedId = frameId;
            frameData = frameType = frameId = undefined;
            if (dispatchedId !== undefined) onId?.(dispatchedId);
            if (dispatched !== undefined) {
              // One literal per shape: adding properties one by one costs shape transitions per frame.
              onFrame(
                dispatchedType === undefined
                  ? dispatchedId === undefined ? { data: dispatched } : { data: dispatched, id: dispatchedId }
                  : dispatchedId === undefined ? { event: dispatchedType, data: dispatched } : { event: dispatchedType, data: dispatched, id: dispatchedId },
              );
            }
            continue;
          }
          // A field is its name up to the first colon (or the whole line): the first letter says which
          // name the line can be, and a name is known when the colon or the line end follows it.
          const first = text.charCodeAt(start);
          const field = first === 100 ? 'data' : first === 101 ? 'event' : first === 105 ? 'id' : first === 114 ? 'retry' : '';
          const colon = start + field.length;
          if (!field || (colon !== end && text.charCodeAt(colon) !== 58)) continue;
          // Compared char by char: measurably cheaper per line than startsWith or a slice.
          let i = 1;
          while (i < field.length && text.charCodeAt(start + i) === field.charCodeAt(i)) i++;
          if (i < field.length) continue;
          // The value starts after the colon and one optional space.
          const from = colon + 1 < end && text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
          if (first === 101) {
            frameType = internEventType(text, from, end);
            continue;
          }
          const value = from < end ? text.slice(from, end) : '';
          if (first === 100) frameData = frameData === undefined ? value : frameData + '\n' + value;
          else if (first === 105) {
            if (!value.includes('\0')) frameId = value;
          } else if (/^\d+$/.test(value)) onRetry?.(Number(value));
        }
        if (pos < length) pending.push(pos === 0 ? chunk : chunk.slice(pos));
      } finally {
        data = frameData;
        type = frameType;
        id = frameId;
      }
    },
    reset() {
      pending = [];
      afterCR = started = false;
      data = type = id = undefined;
    },
  };
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

function internEventType(text: string, start: number, end: number): string {
  const length = end - start;
  const first = text.charCodeAt(start);
  for (const name of COMMON_TYPES) {
    if (name.length === length && name.charCodeAt(0) === first && text.startsWith(name, start)) return name;
  }
  return text.slice(start, end);
}
