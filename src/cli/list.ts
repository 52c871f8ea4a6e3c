import { decodeEvent } from '../core/decode';
import type { AgentEvent } from '../core/protocol';
import type { RecordedEvent, Recording } from '../server/recording-format';

/** How `--list` prints a recording; shown in `replay --help`. */
export const LIST_FORMAT_HELP = `
--list prints one line per event, then a total line:
  <t in seconds, 3 decimals>  <event type>  <summary>
  total: <n> events over <seconds> s (<type> <count>, ...)[; session <id>, started <ISO 8601>]
The summary depends on the type:
  token, thinking   <length> chars "<first 40 characters>"
  tool_use          <tool name> <tool_use_id> "<input summary>"
  tool_result       <tool name> <tool_use_id> done|error in <ms> ms "<output summary>"
  turn              turn <n>, <tools> tools
  progress          <percentage>% <step> "<message>" [<current>/<total> "<item title>"]
  creation          <count> <creation type> <tool_use_id>
  error             <error type> "<message>"
  done              <message id>, <turns> turns, <tools> tools, <ms> ms, <model>, $<cost>
  usage             <input> in, <output> out tokens, $<cost>, <model>
  other types       their data as JSON, cut at 60 characters
Names holding spaces or control characters are quoted as JSON; a figure the event lacks is "?".
`;

/** The `--list` text of a recording, every line ending in a line break. */
export function listRecording(recording: Recording): string {
  const { events } = recording;
  const times = events.map((event) => event.t.toFixed(3));
  const timeWidth = Math.max(0, ...times.map((time) => time.length));
  const typeWidth = Math.max(0, ...events.map((event) => event.event.length));
  const counts = new Map<string, number>();
  const lines = events.map((event, index) => {
    counts.set(event.event, (counts.get(event.event) ?? 0) + 1);
    const summary = summarize(event.event, event.data);
    return `${times[index]!.padStart(timeWidth)}  ${event.event.padEnd(typeWidth)}  ${summary}`.trimEnd();
  });
  const last = lastTime(events);
  const byType = [...counts].map(([type, count]) => `${type} ${count}`).join(', ');
  let total = `total: ${events.length} ${events.length === 1 ? 'event' : 'events'} over ${last.toFixed(3)} s`;
  if (byType !== '') total += ` (${byType})`;
  if (recording.session !== null) total += `; session ${recording.session}, started ${recording.startedAt ?? 'unknown'}`;
  lines.push(total);
  return `${lines.join('\n')}\n`;
}

/** The time of the latest event, in seconds (a merged recording may step back); 0 without events. */
export function lastTime(events: readonly RecordedEvent[]): number {
  return events.reduce((latest, event) => Math.max(latest, event.t), 0);
}

function summarize(type: string, data: string): string {
  // The data is JSON text, never empty, so it is never taken for a heartbeat (null).
  const decoded = decodeEvent({ event: type, data })!;
  return decoded.ok ? summarizeEvent(decoded.event) : `unreadable: ${decoded.error.message}`;
}

function summarizeEvent(event: AgentEvent): string {
  switch (event.type) {
    case 'token':
    case 'thinking':
      return `${[...event.data.text].length} chars ${quote(event.data.text, 40)}`;
    case 'tool_use':
      return `${word(event.data.toolName)} ${word(event.data.toolUseId)} ${quote(event.data.inputSummary, 60)}`;
    case 'tool_args':
      return `${word(event.data.toolName)} ${word(event.data.toolUseId)} ${quote(event.data.delta, 60)}`;
    case 'tool_result': {
      const { toolName, toolUseId, status, durationMs, outputSummary } = event.data;
      return `${word(toolName)} ${word(toolUseId)} ${status} in ${figure(durationMs)} ms ${quote(outputSummary, 60)}`;
    }
    case 'turn':
      return `turn ${figure(event.data.turnNumber)}, ${figure(event.data.totalTools)} tools`;
    case 'progress': {
      const { percentage, step, message, subProgress } = event.data;
      const sub = subProgress === undefined ? '' : ` ${figure(subProgress.current)}/${figure(subProgress.total)} ${quote(subProgress.itemTitle ?? '', 40)}`;
      return `${figure(percentage)}% ${word(step)} ${quote(message, 60)}${sub}`;
    }
    case 'creation':
      return `${figure(event.data.count)} ${word(event.data.creationType)} ${word(event.data.toolUseId)}`;
    case 'error':
      return `${word(event.data.errorType)} ${quote(event.data.message, 60)}`;
    case 'done': {
      const { messageId, numTurns, toolCount, durationMs, model, totalCostUsd } = event.data;
      return `${word(messageId)}, ${figure(numTurns)} turns, ${figure(toolCount)} tools, ${figure(durationMs)} ms, ${word(model)}, $${figure(totalCostUsd)}`;
    }
    case 'usage': {
      const { inputTokens, outputTokens, totalCostUsd, model } = event.data;
      return `${figure(inputTokens)} in, ${figure(outputTokens)} out tokens, $${figure(totalCostUsd)}, ${word(model)}`;
    }
    case 'custom':
      return cut(JSON.stringify(event.data.data) ?? '', 60);
  }
}

/** A figure the event did not carry (or carried as NaN) shows as `?`, never as a made-up 0. */
function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? '?' : String(value);
}

/** A name as it is, or quoted when it is empty or holds spaces or control characters. */
function word(text: string | null): string {
  if (text === null) return '?';
  return text === '' || /[\s\p{Cc}]/u.test(text) ? JSON.stringify(text) : text;
}

/** Free text quoted as JSON, so line breaks and control characters stay on the line. */
function quote(text: string, max: number): string {
  return JSON.stringify(cut(text, max));
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
