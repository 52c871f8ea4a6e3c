/** A tool call's input, as a model would produce it. */
export type ToolInput = Record<string, string | number>;

/**
 * One step of a simulated run, in no wire format: the agent produces these, and a
 * {@link FormatWriter} renders each in its format, leaving out what the format has no place for.
 */
export type AgentStep =
  | { type: 'progress'; step: string; percentage: number; message: string; subProgress?: { current: number; total: number; itemTitle: string } }
  | { type: 'turn'; turnNumber: number; toolCount: number }
  | { type: 'thinking'; text: string }
  | { type: 'text'; text: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: ToolInput }
  | { type: 'tool-result'; toolCallId: string; toolName: string; output: string; isError: boolean; durationMs: number }
  | { type: 'creation'; creationType: string; toolCallId: string; items: Array<Record<string, unknown>> }
  /** An agent-side error the run goes on after. */
  | { type: 'error'; errorType: string; message: string; details: Record<string, unknown> }
  | { type: 'usage'; inputTokens: number; outputTokens: number; totalCostUsd: number; model: string }
  | { type: 'done'; messageId: string; numTurns: number; toolCount: number; durationMs: number; model: string; totalCostUsd: number };

/** How a run's stream ends when the agent did not reach `done`. */
export type EarlyEnd = 'cancelled' | 'failed';

/** Renders a run's steps as the frames of one wire format, into the run's log. */
export interface FormatWriter {
  /** Renders one step (nothing, for a step the format cannot carry). */
  write(step: AgentStep): void;
  /** Resolves once every step written so far is in the log. */
  flush(): Promise<void>;
  /** Ends the format's stream after `done`, or `early`; resolves once its last frame is in the log. */
  close(early?: EarlyEnd): Promise<void>;
}

/** What a writer is given: where its frames go, and the ids that make its messages unique. */
export interface WriterTarget {
  /** Appends one frame to the run's log. */
  append(frame: string): void;
  /** The run's id, for formats that name runs. */
  runId: string;
  /** Unique per run: message and part ids start with it. */
  idPrefix: string;
}
