import { EventType, type Event, type TokenUsage } from '@ag-ui/core';
import { EventEncoder } from '@ag-ui/encoder';
import type { AgentStep, EarlyEnd, FormatWriter, WriterTarget } from './steps';
import { TextBlocks } from './text-blocks';

const encoder = new EventEncoder();

/** The response headers of an AG-UI stream: the encoder's content type. */
export const AG_UI_HEADERS: Record<string, string> = { 'content-type': encoder.getContentType() };

/**
 * The AG-UI protocol, encoded by `@ag-ui/encoder`'s `EventEncoder`: a run of steps, bracketed text
 * and reasoning messages, tool calls with their arguments and results. Usage travels on
 * `RUN_FINISHED` only; a tool result has no error flag, so a failure is its text. Progress,
 * creations and agent notes have no event (`RUN_ERROR` would end the run), so they are left out.
 */
export class AgUiWriter implements FormatWriter {
  readonly #append: (frame: string) => void;
  readonly #ids: { threadId: string; runId: string };
  readonly #blocks: TextBlocks;
  #step: string | null = null;
  #usage: TokenUsage[] | undefined;

  constructor({ append, runId, idPrefix }: WriterTarget) {
    this.#append = append;
    this.#ids = { threadId: `thread_${idPrefix}`, runId };
    this.#blocks = new TextBlocks(idPrefix, {
      open: (kind, messageId) => {
        if (kind === 'text') return this.#send({ type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant' });
        this.#send({ type: EventType.REASONING_START, messageId });
        this.#send({ type: EventType.REASONING_MESSAGE_START, messageId, role: 'reasoning' });
      },
      close: (kind, messageId) => {
        if (kind === 'text') return this.#send({ type: EventType.TEXT_MESSAGE_END, messageId });
        this.#send({ type: EventType.REASONING_MESSAGE_END, messageId });
        this.#send({ type: EventType.REASONING_END, messageId });
      },
    });
    this.#send({ type: EventType.RUN_STARTED, ...this.#ids });
  }

  write(step: AgentStep): void {
    switch (step.type) {
      case 'thinking':
        return this.#send({ type: EventType.REASONING_MESSAGE_CONTENT, messageId: this.#blocks.enter('thinking'), delta: step.text });
      case 'text':
        return this.#send({ type: EventType.TEXT_MESSAGE_CONTENT, messageId: this.#blocks.enter('text'), delta: step.text });
      case 'turn':
        this.#endStep();
        this.#step = `turn ${step.turnNumber}`;
        return this.#send({ type: EventType.STEP_STARTED, stepName: this.#step });
      case 'tool-call': {
        const { toolCallId, toolName } = step;
        this.#blocks.close();
        this.#send({ type: EventType.TOOL_CALL_START, toolCallId, toolCallName: toolName });
        this.#send({ type: EventType.TOOL_CALL_ARGS, toolCallId, delta: JSON.stringify(step.input) });
        return this.#send({ type: EventType.TOOL_CALL_END, toolCallId });
      }
      case 'tool-result':
        this.#blocks.close();
        return this.#send({ type: EventType.TOOL_CALL_RESULT, messageId: `${step.toolCallId}_result`, toolCallId: step.toolCallId, content: step.output, role: 'tool' });
      case 'usage': {
        const { model, inputTokens, outputTokens } = step;
        this.#usage = [{ model, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }];
        return;
      }
      case 'done':
        return this.#finish();
      case 'progress':
      case 'creation':
      case 'error':
        return;
    }
  }

  async flush(): Promise<void> {}

  async close(early?: EarlyEnd): Promise<void> {
    if (early === 'cancelled') this.#finish({ type: 'cancelled' });
    if (early === 'failed') this.#send({ type: EventType.RUN_ERROR, code: 'internal_error', message: 'The run failed on the server.' });
  }

  #finish(outcome?: { type: 'cancelled' }): void {
    this.#endStep();
    const usage = this.#usage === undefined ? {} : { usage: this.#usage };
    this.#send({ type: EventType.RUN_FINISHED, ...this.#ids, ...usage, ...(outcome && { outcome }) });
  }

  /** Closes the open message and the open step. */
  #endStep(): void {
    this.#blocks.close();
    if (this.#step !== null) this.#send({ type: EventType.STEP_FINISHED, stepName: this.#step });
    this.#step = null;
  }

  #send(event: Event): void {
    this.#append(encoder.encodeSSE(event));
  }
}
