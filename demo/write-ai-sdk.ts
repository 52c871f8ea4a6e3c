import { createUIMessageStream, JsonToSseTransformStream, UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk, type UIMessageStreamWriter } from 'ai';
import type { AgentStep, EarlyEnd, FormatWriter, WriterTarget } from './steps';
import { TextBlocks } from './text-blocks';

/** The response headers of a UI message stream, as the AI SDK sends them. */
export const AI_SDK_HEADERS: Record<string, string> = UI_MESSAGE_STREAM_HEADERS;

/**
 * The AI SDK UI message stream, written by the `ai` package itself: `createUIMessageStream`, piped
 * through `JsonToSseTransformStream` into the run's log, as `createUIMessageStreamResponse` does.
 * Steps become `start-step`s, usage goes in the message metadata (the AI SDK's `totalUsage`
 * recipe), and a failed tool is a `tool-output-error`. Progress, creations and agent notes have no
 * chunk, and an `error` chunk would fail an AI SDK client's whole chat, so they are left out.
 */
export class AiSdkWriter implements FormatWriter {
  readonly #chunks: UIMessageStreamWriter;
  readonly #blocks: TextBlocks;
  readonly #pumped: Promise<void>;
  readonly #waiters = new Set<{ count: number; resolve: () => void }>();
  /** Settles the stream's `execute`: resolved, the stream closes; rejected, the AI SDK writes its `error` chunk first. */
  #finish: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #written = 0;
  #appended = 0;
  #inStep = false;

  constructor({ append, idPrefix }: WriterTarget) {
    let chunks: UIMessageStreamWriter | undefined;
    const stream = createUIMessageStream({
      execute: ({ writer }) => {
        chunks = writer;
        return new Promise<void>((resolve, reject) => (this.#finish = { resolve, reject }));
      },
    });
    // `execute` runs before createUIMessageStream returns.
    this.#chunks = chunks as UIMessageStreamWriter;
    this.#blocks = new TextBlocks(idPrefix, {
      open: (kind, id) => this.#write({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id }),
      close: (kind, id) => this.#write({ type: kind === 'text' ? 'text-end' : 'reasoning-end', id }),
    });
    this.#pumped = this.#pump(stream.pipeThrough(new JsonToSseTransformStream()), append);
    this.#write({ type: 'start', messageId: `msg_${idPrefix}` });
  }

  write(step: AgentStep): void {
    switch (step.type) {
      case 'thinking':
      case 'text': {
        const id = this.#blocks.enter(step.type);
        return this.#write({ type: step.type === 'text' ? 'text-delta' : 'reasoning-delta', id, delta: step.text });
      }
      case 'turn':
        this.#endStep();
        this.#inStep = true;
        return this.#write({ type: 'start-step' });
      case 'tool-call':
        this.#blocks.close();
        return this.#write({ type: 'tool-input-available', toolCallId: step.toolCallId, toolName: step.toolName, input: step.input });
      case 'tool-result':
        this.#blocks.close();
        return this.#write(
          step.isError
            ? { type: 'tool-output-error', toolCallId: step.toolCallId, errorText: step.output }
            : { type: 'tool-output-available', toolCallId: step.toolCallId, output: step.output },
        );
      case 'usage':
        return this.#write({ type: 'message-metadata', messageMetadata: usageMetadata(step) });
      case 'done':
        this.#endStep();
        return this.#write({ type: 'finish', finishReason: 'stop' });
      case 'progress':
      case 'creation':
      case 'error':
        return;
    }
  }

  async flush(): Promise<void> {
    if (this.#appended >= this.#written) return;
    await new Promise<void>((resolve) => this.#waiters.add({ count: this.#written, resolve }));
  }

  async close(early?: EarlyEnd): Promise<void> {
    if (early === 'cancelled') this.#write({ type: 'abort', reason: 'The run was cancelled.' });
    if (early === 'failed') this.#finish?.reject(new Error('The simulated agent failed'));
    else this.#finish?.resolve();
    await this.#pumped;
  }

  /** Closes the open text or reasoning block and the open step. */
  #endStep(): void {
    this.#blocks.close();
    if (this.#inStep) this.#write({ type: 'finish-step' });
    this.#inStep = false;
  }

  #write(chunk: UIMessageChunk): void {
    this.#written += 1;
    this.#chunks.write(chunk);
  }

  /** Appends each SSE frame to the log, counting them so that `flush` knows when it has caught up. */
  async #pump(frames: ReadableStream<string>, append: (frame: string) => void): Promise<void> {
    const reader = frames.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        append(value);
        this.#appended += 1;
        for (const waiter of this.#waiters) {
          if (waiter.count > this.#appended) continue;
          this.#waiters.delete(waiter);
          waiter.resolve();
        }
      }
    } finally {
      for (const waiter of this.#waiters) waiter.resolve();
      this.#waiters.clear();
    }
  }
}

/** The run's usage as message metadata, under `totalUsage` as the AI SDK's usage recipe sends it. */
function usageMetadata({ inputTokens, outputTokens, model }: Extract<AgentStep, { type: 'usage' }>) {
  return { model, totalUsage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens } };
}
