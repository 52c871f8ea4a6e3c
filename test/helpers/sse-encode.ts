import type { AgentEvent } from '../../src/core/protocol';
import { encodeEvent } from '../../src/server/encode';

/** How {@link encodeSSE} writes a frame. */
export interface EncodeOptions {
  /** Adds an `id:` line. */
  id?: string;
  /** Escapes every non-ASCII character of the data as `\uXXXX`, as Python's `json.dumps` does by default. */
  asciiOnly?: boolean;
}

const DATA_LINE = '\ndata: ';

/**
 * The production encoder, plus the Python reference's default `ensure_ascii` escaping, which only
 * tests need (to exercise the decoder's `\uXXXX` and surrogate-pair handling).
 */
export function encodeSSE(event: AgentEvent, options: EncodeOptions = {}): string {
  const frame = encodeEvent(event, options.id === undefined ? undefined : { id: options.id });
  if (!options.asciiOnly) return frame;
  // Neither the id nor the type can hold a line break, so the first "\ndata: " starts the data line.
  const data = frame.indexOf(DATA_LINE) + DATA_LINE.length;
  const escaped = frame
    .slice(data)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return frame.slice(0, data) + escaped;
}
