import { decodeEvent } from '../core/decode';
import { parseTolerantJson } from '../core/decode-json';
import type { AgentStreamScript, ScriptStep } from './script';

/** Why a JSONL recording cannot become a script, naming the line (from 1) at fault. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';

  /**
   * @param line The 1-based line number of the recording that could not be read.
   * @param detail What is wrong with it.
   */
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`Recording line ${line}: ${detail}`);
  }
}

/** Options of {@link scriptFromRecording}. */
export interface RecordingOptions {
  /** Divides the recorded delays; `2` plays twice as fast, `Infinity` without delays. @default 1 */
  speed?: number;
}

/**
 * Turns a JSONL recording in the reference's format (a header `{"session", "started_at", "t": 0}`,
 * then `{"t", "event", "data"}` per event, `t` in seconds) into a script, with the recorded timing
 * as delays. Events are decoded as a client would, so the script holds camelCase events.
 *
 * @throws RecordingError naming the line when a line is not JSON, not a header or an event, or an
 *   event the client would reject.
 * @example
 * const script = scriptFromRecording(readFileSync('session.jsonl', 'utf8'), { speed: 4 });
 * server.use(agentStreamHandler('post', '/api/chat', script));
 */
export function scriptFromRecording(jsonl: string, options: RecordingOptions = {}): AgentStreamScript {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`scriptFromRecording: speed must be above 0, got ${speed}`);
  const script: ScriptStep[] = [];
  // Delays come from rounded absolute times, so rounding never accumulates over a long recording.
  let previousMs = 0;
  let seenContent = false;
  const lines = jsonl.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.trim();
    if (text === '') continue;
    const lineNumber = index + 1;
    const record = parseLine(text, lineNumber);
    const isHeader = !('event' in record) && 'session' in record;
    if (isHeader) {
      if (seenContent) throw new RecordingError(lineNumber, 'a header line may only come first');
      seenContent = true;
      continue;
    }
    seenContent = true;
    const { t, event, data } = record;
    if (typeof event !== 'string' || event === '') {
      throw new RecordingError(lineNumber, 'expected a header ({"session", "started_at", "t"}) or an event ({"t", "event", "data"})');
    }
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new RecordingError(lineNumber, `field "t" must be a number of seconds, got ${JSON.stringify(t) ?? 'nothing'}`);
    }
    if (!('data' in record)) throw new RecordingError(lineNumber, 'an event line needs a "data" field');
    const decoded = decodeEvent({ event, data: JSON.stringify(data) });
    if (decoded === null || !decoded.ok) {
      throw new RecordingError(lineNumber, decoded === null ? 'empty event data' : decoded.error.message);
    }
    const atMs = Math.round((t * 1000) / speed);
    // Recordings from several writers can be slightly out of order; a step back is no delay.
    if (atMs > previousMs) script.push({ delayMs: atMs - previousMs });
    previousMs = Math.max(previousMs, atMs);
    script.push(decoded.event);
  }
  return script;
}

function parseLine(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Python's json.dumps (the reference recorder) writes NaN and Infinity bare.
    const tolerant = parseTolerantJson(text);
    if (tolerant === undefined) {
      throw new RecordingError(line, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    value = tolerant.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordingError(line, 'expected a JSON object');
  }
  return value as Record<string, unknown>;
}
