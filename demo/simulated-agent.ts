import { TokenBatcher } from '../src/server';
import type { AgentStep, ToolInput } from './steps';

/** Where a {@link SimulatedAgent} sends its steps, and how it is paced. */
export interface AgentOutput {
  /** Renders one step into the run's log, in the run's format. */
  write(step: AgentStep): void;
  /** Waits `ticks` ticks of the run's real pace; rejects once the run is cancelled. */
  pause(ticks: number): Promise<void>;
  /** Cuts the connections that follow the run, as a flaky proxy would, once the steps so far are in the log. */
  drop(): Promise<void>;
}

/** Who the agent is and what it was asked. */
export interface AgentIdentity {
  /** Makes tool and message ids unique across runs and server restarts (the page keys tool calls by id). */
  idPrefix: string;
  /** The user's message. */
  prompt: string;
}

/**
 * The nominal length of a tick in ms: one answer token per tick is 40 tokens/s, a realistic rate.
 * Durations and token batches follow this clock whatever the real pace, so a fast test streams
 * exactly the frames the demo does.
 */
export const TICK_MS = 25;
/** How long the batcher gathers tokens into one frame, in nominal ms. */
const BATCH_MS = 50;
const MODEL = 'demo-sim-1';
const USD_PER_INPUT_TOKEN = 3 / 1_000_000;
const USD_PER_OUTPUT_TOKEN = 15 / 1_000_000;
const SYSTEM_PROMPT_TOKENS = 1_850;
/** What each tool result adds to the context the next model call reads. */
const TOKENS_PER_TOOL_RESULT = 240;
const TOPIC_MAX_CHARS = 60;

/** The user's message on one line, shortened to fit a sentence. */
export function topicOf(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > TOPIC_MAX_CHARS ? `${line.slice(0, TOPIC_MAX_CHARS - 1)}…` : line;
}

/**
 * Splits text the way a model's tokenizer roughly does: words with the whitespace before them,
 * and long words in two.
 */
export function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/\s*\S+/g) ?? []) {
    const cut = word.length > 9 ? Math.ceil(word.length / 2) : word.length;
    out.push(word.slice(0, cut));
    if (cut < word.length) out.push(word.slice(cut));
  }
  return out;
}

/** The cost in US dollars, rounded to a millionth so the wire carries no float noise. */
function costOf(inputTokens: number, outputTokens: number): number {
  return Math.round((inputTokens * USD_PER_INPUT_TOKEN + outputTokens * USD_PER_OUTPUT_TOKEN) * 1e6) / 1e6;
}

/**
 * A pretend model and its tools, producing one sequence of steps in no wire format (a writer per
 * format renders them). Scenarios script it step by step; it keeps the bookkeeping a real agent
 * loop has: turns, tool count, running usage and cost, and the run's duration on the nominal clock.
 */
export class SimulatedAgent {
  /** The user's message on one line, for quoting. */
  readonly topic: string;
  readonly #out: AgentOutput;
  readonly #idPrefix: string;
  readonly #tools = new Map<string, { name: string; startedAt: number }>();
  #elapsedMs = 0;
  #turns = 0;
  #inputTokens: number;
  #outputTokens = 0;

  constructor(out: AgentOutput, { idPrefix, prompt }: AgentIdentity) {
    this.#out = out;
    this.#idPrefix = idPrefix;
    this.topic = topicOf(prompt);
    this.#inputTokens = SYSTEM_PROMPT_TOKENS + tokensOf(prompt).length;
  }

  /** Lets `ticks` ticks pass. */
  async wait(ticks: number): Promise<void> {
    await this.#out.pause(ticks);
    this.#elapsedMs += ticks * TICK_MS;
  }

  /** Reports a pipeline step. */
  progress(step: string, percentage: number, message: string, subProgress?: { current: number; total: number; itemTitle: string }): void {
    this.#out.write({ type: 'progress', step, percentage, message, subProgress });
  }

  /** Starts the next agentic turn. */
  turn(): void {
    this.#turns += 1;
    this.#out.write({ type: 'turn', turnNumber: this.#turns, toolCount: this.#tools.size });
  }

  /** Starts a tool call and returns its id; several may run at once. */
  startTool(name: string, input: ToolInput): string {
    const id = `toolu_${this.#idPrefix}_${this.#tools.size + 1}`;
    this.#tools.set(id, { name, startedAt: this.#elapsedMs });
    this.#out.write({ type: 'tool-call', toolCallId: id, toolName: name, input });
    return id;
  }

  /** Ends a tool call started by {@link startTool}, with its duration on the nominal clock. */
  finishTool(id: string, output: string, isError = false): void {
    const tool = this.#tools.get(id);
    if (tool === undefined) throw new Error(`No tool call ${id} was started`);
    this.#inputTokens += TOKENS_PER_TOOL_RESULT;
    this.#out.write({ type: 'tool-result', toolCallId: id, toolName: tool.name, output, isError, durationMs: this.#elapsedMs - tool.startedAt });
  }

  /** Announces artifacts a tool created. */
  creation(creationType: string, toolCallId: string, items: Array<Record<string, unknown>>): void {
    this.#out.write({ type: 'creation', creationType, toolCallId, items });
  }

  /** Reports an agent-side error; the run goes on. */
  error(errorType: string, message: string, details: Record<string, unknown>): void {
    this.#out.write({ type: 'error', errorType, message, details });
  }

  /** Streams reasoning at the token rate. */
  think(text: string): Promise<void> {
    return this.#stream('thinking', text);
  }

  /** Streams answer text at the token rate. */
  say(text: string): Promise<void> {
    return this.#stream('text', text);
  }

  /** Sends the running usage and cost. */
  usage(): void {
    const { inputTokens, outputTokens, totalCostUsd } = this.#totals();
    this.#out.write({ type: 'usage', inputTokens, outputTokens, totalCostUsd, model: MODEL });
  }

  /** Ends the run. */
  done(): void {
    this.#out.write({
      type: 'done',
      messageId: `msg_${this.#idPrefix}`,
      numTurns: this.#turns,
      toolCount: this.#tools.size,
      durationMs: this.#elapsedMs,
      model: MODEL,
      totalCostUsd: this.#totals().totalCostUsd,
    });
  }

  /** Cuts the connections that follow the run; the run itself goes on. */
  drop(): Promise<void> {
    return this.#out.drop();
  }

  #totals(): { inputTokens: number; outputTokens: number; totalCostUsd: number } {
    const inputTokens = this.#inputTokens;
    const outputTokens = this.#outputTokens;
    return { inputTokens, outputTokens, totalCostUsd: costOf(inputTokens, outputTokens) };
  }

  async #stream(type: 'thinking' | 'text', text: string): Promise<void> {
    // Batched as a real server batches a fast model: one frame per BATCH_MS, not one per token.
    const batcher = new TokenBatcher(BATCH_MS, { now: () => this.#elapsedMs });
    for (const token of tokensOf(text)) {
      await this.wait(1);
      this.#outputTokens += 1;
      const batch = batcher.add(token);
      if (batch !== null) this.#out.write({ type, text: batch });
    }
    const rest = batcher.flush();
    if (rest !== null) this.#out.write({ type, text: rest });
  }
}
