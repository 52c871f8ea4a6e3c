import { dumpsPyJson, parsePyJson, pyFloat, pyNumber, type PyJson, type PyObject } from './recording-json';

// The reference's JSONL recording: a header `{"session": "<uuid4>", "started_at": "<ISO 8601>", "t": 0}`,
// then `{"t": <seconds since the start>, "event": "<type>", "data": {...}}` per event. Lines are
// written as Python's json.dumps writes them, so both implementations write the same bytes.

/** Why a JSONL recording cannot be read, naming the line (from 1) at fault. */
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

/** One event of a recording. */
export interface RecordedEvent {
  /** Seconds since the recording started (may step back in a recording merged from several writers). */
  t: number;
  /** The SSE event type. */
  event: string;
  /**
   * The event's data as JSON, written as the reference's replay writes it (Python's
   * `json.dumps`: `\uXXXX` escapes, `", "` and `": "` separators, `0.0` kept apart from `0`).
   */
  data: string;
  /** The line of the recording it was read from, from 1. */
  line: number;
}

/** A recording read by {@link parseRecording}. */
export interface Recording {
  /** The header's session id; `null` when the recording has no header. */
  session: string | null;
  /** The header's `started_at` (ISO 8601); `null` when the recording has no header. */
  startedAt: string | null;
  /** The events in the order of their lines. */
  events: RecordedEvent[];
}

/**
 * Reads a JSONL recording in the reference's format, made by {@link AgentStreamRecorder} or by the
 * Python recorder. Blank lines are skipped; the header is optional but may only come first.
 *
 * @throws RecordingError naming the line when a line is not JSON, not a header or an event, or
 *   has a `t` that is not a number of seconds.
 * @example
 * const { events } = parseRecording(await readFile('session.jsonl', 'utf8'));
 * for (const { t, event } of events) console.log(t, event);
 */
export function parseRecording(jsonl: string): Recording {
  const recording: Recording = { session: null, startedAt: null, events: [] };
  let seenContent = false;
  const lines = jsonl.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    // A BOM or indentation is no reason to refuse a recording.
    const text = lines[index]!.replace(/^\uFEFF/, '').trim();
    if (text === '') continue;
    const line = index + 1;
    const record = parseLine(text, line);
    if (!record.has('event') && record.has('session')) {
      if (seenContent) throw new RecordingError(line, 'a header line may only come first');
      recording.session = stringOrNull(record.get('session'));
      recording.startedAt = stringOrNull(record.get('started_at'));
      seenContent = true;
      continue;
    }
    seenContent = true;
    recording.events.push(readEvent(record, line));
  }
  return recording;
}

/**
 * The SSE frame the reference's replay writes for a recorded event, `event: <type>\ndata: <json>\n\n`,
 * after an `id: <id>` line when `id` is given (the command's `--serve` numbers events from 1).
 *
 * @example
 * process.stdout.write(formatRecordedFrame(recording.events[0]!));
 */
export function formatRecordedFrame(event: Pick<RecordedEvent, 'event' | 'data'>, id?: number): string {
  const frame = `event: ${event.event}\ndata: ${event.data}\n\n`;
  return id === undefined ? frame : `id: ${id}\n${frame}`;
}

/** The header line of a new recording, with its line break. */
export function recordingHeaderLine(session: string, startedAt: Date): string {
  const header: PyObject = new Map<string, PyJson>([
    ['session', session],
    ['started_at', startedAt.toISOString()],
    ['t', { kind: 'int', digits: '0' }],
  ]);
  return `${dumpsPyJson(header)}\n`;
}

/**
 * The line of one event, with its line break. `data` is the frame's data text: JSON (Python's
 * dialect, `NaN` included) is recorded as its value, anything else as the raw text, a JSON string.
 */
export function recordingEventLine(seconds: number, event: string, data: string): string {
  let value: PyJson;
  try {
    value = parsePyJson(data);
  } catch {
    value = data;
  }
  const record: PyObject = new Map<string, PyJson>([
    ['t', pyFloat(seconds)],
    ['event', event],
    ['data', value],
  ]);
  return `${dumpsPyJson(record)}\n`;
}

function parseLine(text: string, line: number): PyObject {
  let value: PyJson;
  try {
    value = parsePyJson(text);
  } catch (error) {
    throw new RecordingError(line, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!(value instanceof Map)) throw new RecordingError(line, 'expected a JSON object');
  return value;
}

function readEvent(record: PyObject, line: number): RecordedEvent {
  const event = record.get('event');
  if (typeof event !== 'string' || event === '') {
    throw new RecordingError(line, 'expected a header ({"session", "started_at", "t"}) or an event ({"t", "event", "data"})');
  }
  // A line break in the type would split the frame: the replayed stream would not be the recorded one.
  if (/[\r\n]/.test(event)) throw new RecordingError(line, `event type ${JSON.stringify(event)} holds a line break`);
  const t = pyNumber(record.get('t'));
  if (t === undefined || !Number.isFinite(t) || t < 0) {
    const got = record.get('t');
    throw new RecordingError(line, `field "t" must be a number of seconds, got ${got === undefined ? 'nothing' : dumpsPyJson(got)}`);
  }
  const data = record.get('data');
  if (data === undefined) throw new RecordingError(line, 'an event line needs a "data" field');
  return { t, event, data: dumpsPyJson(data), line };
}

function stringOrNull(value: PyJson | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
