import type { AgentEvent } from '../../src/core/protocol';

/** How {@link encodeSSE} writes a frame. */
export interface EncodeOptions {
  /** Adds an `id:` line. */
  id?: string;
  /** Escapes every non-ASCII character as `\uXXXX`, as Python's `json.dumps` does by default. */
  asciiOnly?: boolean;
}

// Decoded (camelCase) name -> wire (snake_case) name, per type; keys not listed are sent as they are.
const WIRE_NAMES: Partial<Record<AgentEvent['type'], Record<string, string>>> = {
  tool_use: { toolName: 'tool_name', toolUseId: 'tool_use_id', inputSummary: 'input_summary' },
  tool_result: {
    toolName: 'tool_name',
    toolUseId: 'tool_use_id',
    outputSummary: 'output_summary',
    durationMs: 'duration_ms',
  },
  turn: { turnNumber: 'turn_number', totalTools: 'total_tools' },
  progress: { subProgress: 'sub_progress' },
  creation: { creationType: 'creation_type', toolUseId: 'tool_use_id' },
  error: { errorType: 'error_type' },
  done: {
    messageId: 'message_id',
    numTurns: 'num_turns',
    toolCount: 'tool_count',
    durationMs: 'duration_ms',
    totalCostUsd: 'total_cost_usd',
  },
  usage: { inputTokens: 'input_tokens', outputTokens: 'output_tokens', totalCostUsd: 'total_cost_usd' },
};
const SUB_PROGRESS_WIRE_NAMES: Record<string, string> = { itemTitle: 'item_title' };

function rename(data: object, names: Record<string, string> | undefined): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    Object.defineProperty(wire, names?.[key] ?? key, { value, enumerable: true, writable: true, configurable: true });
  }
  return wire;
}

/**
 * Encodes a decoded event back into one native SSE frame (`event: X\ndata: JSON\n\n`, snake_case
 * fields), the reference emitter's format; a test stand-in until the production emitter exists.
 */
export function encodeSSE(event: AgentEvent, options: EncodeOptions = {}): string {
  let type: string = event.type;
  let payload: unknown;
  if (event.type === 'custom') {
    type = event.data.type;
    payload = event.data.data;
  } else {
    const wire = rename(event.data, WIRE_NAMES[event.type]);
    if (event.type === 'progress' && event.data.subProgress !== undefined) {
      wire.sub_progress = rename(event.data.subProgress, SUB_PROGRESS_WIRE_NAMES);
    }
    payload = wire;
  }
  let json = JSON.stringify(payload);
  if (options.asciiOnly) {
    json = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  const id = options.id === undefined ? '' : `id: ${options.id}\n`;
  return `${id}event: ${type}\ndata: ${json}\n\n`;
}
