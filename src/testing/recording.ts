import { decodeEvent } from '../core/decode';
import { parseRecording, RecordingError } from '../server/recording-format';
import type { AgentStreamScript, ScriptStep } from './script';

export { RecordingError };

/** Options of {@link scriptFromRecording}. */
export interface RecordingOptions {
  /** Divides the recorded delays; `2` plays twice as fast, `Infinity` without delays. @default 1 */
  speed?: number;
}

/**
 * Turns a JSONL recording in the reference's format (a header `{"session", "started_at", "t": 0}`,
 * then `{"t", "event", "data"}` per event, `t` in seconds) into a script, with the recorded timing
 * as delays. Events are decoded as a client would decode the frames the reference's replay sends,
 * so the script holds camelCase events.
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
  for (const { t, event, data, line } of parseRecording(jsonl).events) {
    const decoded = decodeEvent({ event, data });
    if (decoded === null || !decoded.ok) {
      throw new RecordingError(line, decoded === null ? 'empty event data' : decoded.error.message);
    }
    const atMs = Math.round((t * 1000) / speed);
    // Recordings from several writers can be slightly out of order; a step back is no delay.
    if (atMs > previousMs) script.push({ delayMs: atMs - previousMs });
    previousMs = Math.max(previousMs, atMs);
    script.push(decoded.event);
  }
  return script;
}
