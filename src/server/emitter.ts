import type { AgentEvent, SubProgress, UsageData } from '../core/protocol';
import { encodeComment, encodeEvent } from './encode';

/** How an {@link AgentStreamEmitter} numbers its frames. */
export interface AgentStreamEmitterOptions {
  /**
   * Writes an `id: n` line on every event frame, n = `firstId`, `firstId + 1`, …, so a client
   * that drops can resume with `Last-Event-ID`. The Python reference writes no ids.
   * @default false
   */
  ids?: boolean;
  /** The id of the first frame when `ids` is on, to continue a sequence (a non-negative integer). @default 1 */
  firstId?: number;
}

/** The fields of a `done` event; each absent one is written with the reference's default. */
export interface DoneFields {
  /** The assistant message's id. @default '' */
  messageId?: string;
  /** Agentic turns in the run. @default 0 */
  numTurns?: number;
  /** Tool calls in the run. @default 0 */
  toolCount?: number;
  /** The run's duration in ms. @default 0 */
  durationMs?: number;
  /** The model's name. @default '' */
  model?: string;
  /** The run's cost in USD. @default 0 */
  totalCostUsd?: number;
}

/** The running totals of a `usage` event; an absent figure is left out, which reads as "not carried". */
export interface UsageFields {
  /** Input (prompt) tokens so far. */
  inputTokens?: number;
  /** Output (completion) tokens so far. */
  outputTokens?: number;
  /** Cost so far, in USD. */
  totalCostUsd?: number;
  /** The model's name. */
  model?: string;
}

/**
 * Formats the native protocol's events as SSE frames, one string per call, with the Python
 * reference emitter's methods, argument order and defaults (camelCase names): the decoded
 * `(event, data)` of each frame equals the reference's for the same call.
 *
 * @example
 * const emitter = new AgentStreamEmitter({ ids: true });
 * async function* run() {
 *   yield emitter.toolUse('search', 'tu_1', 'query=foo');
 *   yield emitter.toolResult('search', 'tu_1', '3 results', 120);
 *   yield emitter.token('Hello');
 *   yield emitter.done({ messageId: 'msg_1', numTurns: 1, toolCount: 1 });
 * }
 * return toSSEResponse(run());
 */
export class AgentStreamEmitter {
  #nextId: number | null;
  #lastId: number | null = null;

  /** @throws RangeError when `firstId` is not a non-negative safe integer. */
  constructor(options: AgentStreamEmitterOptions = {}) {
    const { ids = false, firstId = 1 } = options;
    if (!Number.isSafeInteger(firstId) || firstId < 0) {
      throw new RangeError(`AgentStreamEmitter: firstId must be a non-negative integer, got ${String(firstId)}`);
    }
    this.#nextId = ids ? firstId : null;
  }

  /** The id of the last frame written, to store for a resume; `null` before the first or when `ids` is off. */
  get lastId(): number | null {
    return this.#lastId;
  }

  /** `token`: an incremental chunk of assistant text. */
  token(text: string): string {
    return this.#frame({ type: 'token', data: { text } });
  }

  /** `thinking`: a chunk of reasoning text. */
  thinking(text: string): string {
    return this.#frame({ type: 'thinking', data: { text } });
  }

  /** `tool_use`: a tool call started (status `running`). */
  toolUse(toolName: string, toolUseId: string, inputSummary = ''): string {
    return this.#frame({ type: 'tool_use', data: { toolName, toolUseId, inputSummary, status: 'running' } });
  }

  /** `tool_result`: a tool call finished, with status `error` when `isError`, else `done`. */
  toolResult(toolName: string, toolUseId: string, outputSummary = '', durationMs = 0, isError = false): string {
    return this.#frame({
      type: 'tool_result',
      data: { toolName, toolUseId, outputSummary, durationMs, status: isError ? 'error' : 'done' },
    });
  }

  /** `turn`: an agentic turn boundary. */
  turn(turnNumber: number, totalTools = 0): string {
    return this.#frame({ type: 'turn', data: { turnNumber, totalTools } });
  }

  /**
   * `progress`: a pipeline step. `subProgress` (left out when absent or `null`) is written with
   * `itemTitle` as `item_title` and its other keys as they are.
   */
  progress(step: string, percentage: number, message: string, subProgress?: SubProgress | null): string {
    return this.#frame({
      type: 'progress',
      data: subProgress == null ? { step, percentage, message } : { step, percentage, message, subProgress },
    });
  }

  /** `creation`: the agent created persistent artifacts; `items` are written as they are. */
  creation(creationType: string, count: number, toolUseId = '', items?: readonly unknown[] | null): string {
    return this.#frame({ type: 'creation', data: { creationType, count, toolUseId, items: (items ?? []) as unknown[] } });
  }

  /** `error`: an agent-side error (not terminal); `details` are written as they are. */
  error(errorType: string, message: string, details?: Record<string, unknown> | null): string {
    return this.#frame({ type: 'error', data: { errorType, message, details: details ?? {} } });
  }

  /** `done`: the run completed; send it last. Every absent field gets the reference's default. */
  done(fields: DoneFields = {}): string {
    const { messageId = '', numTurns = 0, toolCount = 0, durationMs = 0, model = '', totalCostUsd = 0 } = fields;
    return this.#frame({ type: 'done', data: { messageId, numTurns, toolCount, durationMs, model, totalCostUsd } });
  }

  /** `usage` (extension): running token and cost totals, so a client can show cost before `done`. */
  usage(fields: UsageFields): string {
    const { inputTokens, outputTokens, totalCostUsd, model } = fields;
    // An absent figure stays undefined and JSON leaves it out: decoded, it is null ("not carried"), never 0.
    const data = { inputTokens, outputTokens, totalCostUsd, model } as UsageData;
    return this.#frame({ type: 'usage', data });
  }

  /** An SSE comment frame (`: text`), which clients ignore: a heartbeat. It takes no id. */
  comment(text: string): string {
    return encodeComment(text);
  }

  #frame(event: AgentEvent): string {
    const id = this.#nextId;
    if (id === null) return encodeEvent(event);
    const frame = encodeEvent(event, { id: String(id) });
    this.#lastId = id;
    this.#nextId = id + 1;
    return frame;
  }
}
