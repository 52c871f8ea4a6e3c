/**
 * The native wire protocol (v1), decoded: event types and their `data` in camelCase.
 * Field names and defaults follow the Python reference emitter.
 */

/** One SSE frame as the parser hands it over, before JSON decoding. */
export interface SSEFrame {
  /** The `event:` field; absent means the SSE default type `message`. */
  event?: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The `id:` field of this frame, when it had one. */
  id?: string;
}

/** `token`: an incremental chunk of assistant text. */
export interface TokenData {
  text: string;
}

/** `thinking`: an incremental chunk of reasoning text. */
export interface ThinkingData {
  text: string;
}

/** `tool_use`: a tool call started. */
export interface ToolUseData {
  toolName: string;
  toolUseId: string;
  /** The native protocol's one-line summary of the input; `''` from protocols that have none. */
  inputSummary: string;
  /**
   * `running` (the native protocol's only value), or `ready` from an adapter: the arguments are
   * complete and the tool is the client's to run, so no result follows in this stream.
   */
  status: 'running' | 'ready';
  /** The whole arguments value, from protocols that send it at once (adapters). */
  args?: unknown;
  [extra: string]: unknown;
}

/**
 * `tool_args` (adapters only): a fragment of a tool call's streamed arguments. The call is created
 * at status `streaming-args` if new; its `argsText` grows and `args` is re-parsed tolerantly.
 */
export interface ToolArgsData {
  toolUseId: string;
  toolName: string;
  /** The next fragment of the arguments' JSON text. */
  delta: string;
  /** All the arguments so far, parsed tolerantly by the adapter; `undefined` while unreadable. */
  args?: unknown;
}

/** `tool_result`: a tool call finished, successfully or not. */
export interface ToolResultData {
  toolName: string;
  toolUseId: string;
  outputSummary: string;
  /** `null` when the sender's number was not finite (Python `NaN`). */
  durationMs: number | null;
  /** `denied` (adapters only): the user or a policy refused the call. */
  status: 'done' | 'error' | 'denied';
  /** The structured result, from protocols that give one (adapters). */
  output?: unknown;
  /** The tool's error message when `status` is `error`, from protocols that send it apart (adapters). */
  errorText?: string;
  [extra: string]: unknown;
}

/** `turn`: an agentic turn boundary. */
export interface TurnData {
  turnNumber: number | null;
  totalTools: number | null;
  [extra: string]: unknown;
}

/** Optional detail of a `progress` step; free-form beyond the named fields. */
export interface SubProgress {
  current?: number | null;
  total?: number | null;
  itemTitle?: string;
  [extra: string]: unknown;
}

/** `progress`: a pipeline step's progress. */
export interface ProgressData {
  step: string;
  /** 0–100; `null` when the sender's number was not finite. */
  percentage: number | null;
  message: string;
  subProgress?: SubProgress;
  [extra: string]: unknown;
}

/** `creation`: the agent created persistent artifacts. */
export interface CreationData {
  creationType: string;
  count: number | null;
  toolUseId: string;
  /** Free-form objects, kept exactly as sent. */
  items: unknown[];
  [extra: string]: unknown;
}

/** `error`: an agent-side error. Not terminal in the native protocol. */
export interface ErrorData {
  errorType: string;
  message: string;
  /** Free-form, kept exactly as sent. */
  details: Record<string, unknown>;
  /**
   * A protocol's terminal error (adapters: AG-UI `RUN_ERROR`, Anthropic `error`, a failed OpenAI
   * response): the run ends with status `error`.
   */
  terminal?: boolean;
  [extra: string]: unknown;
}

/** `done`: the run completed; always the last event of a run. */
export interface DoneData {
  messageId: string;
  numTurns: number | null;
  toolCount: number | null;
  durationMs: number | null;
  model: string;
  totalCostUsd: number | null;
  [extra: string]: unknown;
}

/** `usage` (extension): running totals so cost can be shown before `done`. */
export interface UsageData {
  inputTokens: number | null;
  outputTokens: number | null;
  totalCostUsd: number | null;
  model: string | null;
  /**
   * `replace` (the native meaning): the run's running totals so far. `add` (adapters whose
   * protocol reports usage per step): added to the run's figures.
   * @default 'replace'
   */
  mode?: 'replace' | 'add';
  [extra: string]: unknown;
}

/** An event type this library does not know, kept rather than dropped. */
export interface CustomData {
  /** The wire event type as sent. */
  type: string;
  /** The parsed JSON payload, untouched. */
  data: unknown;
}

/** Maps each native event type to its decoded `data`. */
export interface AgentEventDataMap {
  token: TokenData;
  thinking: ThinkingData;
  tool_use: ToolUseData;
  tool_result: ToolResultData;
  tool_args: ToolArgsData;
  turn: TurnData;
  progress: ProgressData;
  creation: CreationData;
  error: ErrorData;
  done: DoneData;
  usage: UsageData;
  custom: CustomData;
}

/** The names of the decoded event types (`custom` stands for any unknown type). */
export type AgentEventType = keyof AgentEventDataMap;

/** A decoded event: `{ type, data, id? }` with `data` in camelCase. */
export type AgentEvent = {
  [T in AgentEventType]: { type: T; data: AgentEventDataMap[T]; id?: string };
}[AgentEventType];

/** The decoded event of one type. */
export type AgentEventOf<T extends AgentEventType> = Extract<AgentEvent, { type: T }>;

/** The event types the native protocol defines on the wire (snake_case). */
export const NATIVE_EVENT_TYPES: readonly Exclude<AgentEventType, 'custom' | 'tool_args'>[] = [
  'token',
  'thinking',
  'tool_use',
  'tool_result',
  'turn',
  'progress',
  'creation',
  'error',
  'done',
  'usage',
];

/**
 * The header that names a server run. A server that answers a stream with it gets it back on every
 * resume attempt (beside `Last-Event-ID`) and in the cancel request, so it can find the run whatever
 * instance answers.
 */
export const RUN_ID_HEADER = 'Agent-Run-Id';
