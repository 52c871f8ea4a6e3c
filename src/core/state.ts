import type { AgentStreamError } from './errors';
import type { CreationData, DoneData, ProgressData } from './protocol';

/** Where a stream stands. Status changes are published to React at once, never throttled. */
export type AgentStatus = 'idle' | 'connecting' | 'streaming' | 'reconnecting' | 'done' | 'error' | 'aborted';

/** A normalised collection: `ids` in arrival order, entities by id. */
export interface Entities<T> {
  ids: string[];
  byId: Record<string, T>;
}

/** The kinds of parts a message's timeline is made of. */
export type TimelineKind = 'text' | 'thinking' | 'tool' | 'creation' | 'error' | 'turn' | 'custom';

/**
 * One part of a message, in arrival order; it never changes once made. `id` finds a `thinking` or
 * `tool` part's content in `thinking` or `toolCalls`; `index` is a part's position in
 * `creations`, `errors`, `turns` or `custom`; a `text` part is the slice of its message's `text`
 * from `start` to the next text part's `start` (see `textOfPart`).
 */
export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  /** The message this part belongs to. */
  messageId: string;
  /** For `creation`, `error`, `turn` and `custom` parts: the position in that array. */
  index?: number;
  /** For `text` parts: where the part begins in its message's `text`. */
  start?: number;
}

/** Token counts and cost. A figure no event carried is `null`, never a made-up 0. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
  totalCostUsd: number | null;
  model: string | null;
}

/** The state of a message. */
export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

/** A user message, or the one assistant message of a run (its steps and turns live inside it). */
export interface Message {
  id: string;
  role: 'user' | 'assistant';
  /** All text of the message so far (its text parts joined). */
  text: string;
  /** The message's parts in arrival order. */
  parts: TimelineItem[];
  status: MessageStatus;
  /** This run's usage (always empty figures on user messages). */
  usage: Usage;
  /** Client clock (ms) when the message began, when a clock was given to the store. */
  startedAt: number | null;
  /** Client clock (ms) when the message ended. */
  endedAt: number | null;
}

/** A tool call's lifecycle. Monotonic: a call never moves back. */
export type ToolCallStatus = 'streaming-args' | 'ready' | 'running' | 'done' | 'error' | 'denied' | 'interrupted';

/** One tool call, keyed by its `tool_use_id`. */
export interface ToolCall {
  id: string;
  name: string;
  inputSummary: string;
  /** The arguments as streamed text (empty for the native protocol, which sends a summary). */
  argsText: string;
  /** The arguments parsed tolerantly while incomplete; `null` when none were sent. */
  args: unknown;
  /** The result as text: the native `output_summary`, or a protocol's result rendered as text. */
  outputSummary: string;
  /** The structured result, where a protocol gives one. */
  output: unknown;
  /** The tool's error message when `status` is `error`, else `null`. */
  errorText: string | null;
  status: ToolCallStatus;
  /** The sender's duration when it gave a positive one, else the client-measured time. */
  durationMs: number | null;
  /** Client clock (ms) when the call was first seen. */
  startedAt: number | null;
  /** Client clock (ms) when the call settled. */
  endedAt: number | null;
  messageId: string;
  /** The turn number current when the call began. */
  turn: number | null;
  /** Fields of the call's events beyond the protocol's own. */
  raw: Record<string, unknown>;
}

/** A run of consecutive reasoning text. */
export interface ThinkingBlock {
  id: string;
  text: string;
  status: 'streaming' | 'complete';
  messageId: string;
}

/** A turn boundary. */
export interface Turn {
  turnNumber: number | null;
  totalTools: number | null;
  messageId: string;
}

/** The latest progress of the stream. */
export type Progress = ProgressData;

/** An artifact the agent created. */
export type Creation = CreationData & { messageId: string };

/** What the `done` event said. */
export type DoneInfo = DoneData;

/** An event of a type this library does not know, kept as sent. */
export interface CustomEvent {
  type: string;
  data: unknown;
  id: string | null;
  messageId: string;
}

/** The non-integer ids applied in a run: an append-only map shared between successive states. */
export interface AppliedIds {
  /** Shared backing map from id to insertion position; positions at or past `size` are not this state's. */
  readonly map: Map<string, number>;
  readonly size: number;
}

/** Bookkeeping of the run in progress (or the last one). */
export interface RunState {
  /** The run's assistant message. */
  messageId: string;
  /** The text or thinking part that the next `token`/`thinking` appends to, if any. */
  openPart: { kind: 'text' | 'thinking'; id: string } | null;
  /** True once the run has ended, whatever the reason. */
  ended: boolean;
  /** The highest integer event id applied in this run, or -1 (integer ids are a sequence). */
  maxSeq: number;
  /** Other event ids applied in this run, for idempotent replay. */
  applied: AppliedIds;
  /** Usage of all earlier runs, so the totals stay O(1) to update. */
  usageBefore: Usage;
  /** The turn number current in this run. */
  turn: number | null;
}

/** The normalised store. Every slice keeps its identity until an event touches it. */
export interface AgentState {
  status: AgentStatus;
  messages: Entities<Message>;
  toolCalls: Entities<ToolCall>;
  thinking: Entities<ThinkingBlock>;
  /** Every part of every message, in arrival order. */
  timeline: TimelineItem[];
  turns: Turn[];
  progress: Progress | null;
  creations: Creation[];
  /** Agent `error` events and client-side errors, in order. */
  errors: AgentStreamError[];
  /** Totals over all runs. */
  usage: Usage;
  done: DoneInfo | null;
  custom: CustomEvent[];
  /** The last SSE id applied, for resuming with `Last-Event-ID`. */
  lastEventId: string | null;
  /** Internal: the reducer's bookkeeping of the run in progress or the last run; `null` before the first. */
  run: RunState | null;
  /** Internal: the counter behind locally made ids (`msg_1`, `txt_2`, …), so the reducer stays pure. */
  nextLocalId: number;
}
