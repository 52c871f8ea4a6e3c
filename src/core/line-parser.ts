import type { SSEFrame } from './protocol';

/** A parser of a newline-delimited body (raw UTF-8 bytes), for protocols that are not SSE. */
export interface LineByteParser {
  /** Parses the next bytes; a line or a multi-byte character may be split across calls. */
  feed(chunk: Uint8Array): void;
  /** The body ended: a last line without a line break is a frame too. */
  end(): void;
}

/**
 * Splits a newline-delimited body (LF, CRLF or CR) into frames `{ data: line }`, skipping empty
 * lines (DataStream keep-alives). A long line arriving in many chunks stays linear: pieces are
 * joined once, when its line break comes.
 */
export function createLineByteParser(onFrame: (frame: SSEFrame) => void): LineByteParser {
  const decoder = new TextDecoder('utf-8');
  let pending: string[] = [];
  // A chunk that ended with CR: an LF opening the next one belongs to that line break.
  let afterCR = false;

  const emit = (line: string): void => {
    if (line !== '') onFrame({ data: line });
  };

  const feedText = (text: string): void => {
    let start = afterCR && text.charCodeAt(0) === 10 ? 1 : 0;
    afterCR = false;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      pending.push(text.slice(start, i));
      emit(pending.join(''));
      pending = [];
      if (code === 13) {
        if (i + 1 === text.length) afterCR = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < text.length) pending.push(text.slice(start));
  };

  return {
    feed: (chunk) => feedText(decoder.decode(chunk, { stream: true })),
    end() {
      feedText(decoder.decode());
      emit(pending.join(''));
      pending = [];
    },
  };
}
