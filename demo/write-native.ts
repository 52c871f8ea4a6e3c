import { AgentStreamEmitter } from '../src/server';
import type { AgentStep, FormatWriter, ToolInput, WriterTarget } from './steps';

/** A tool input on one line, as the native `inputSummary`: `query="Q3 launch" rows=4`. */
export function inputSummaryOf(input: ToolInput): string {
  return Object.entries(input)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join(' ');
}

/**
 * The native protocol through the production emitter, with ids, so a dropped client resumes. It
 * carries every step. A run that ends early just stops: without `done`, a client reads it as
 * interrupted.
 */
export class NativeWriter implements FormatWriter {
  readonly #emitter = new AgentStreamEmitter({ ids: true });
  readonly #append: (frame: string) => void;

  constructor({ append }: WriterTarget) {
    this.#append = append;
  }

  write(step: AgentStep): void {
    this.#append(this.#frame(step));
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  #frame(step: AgentStep): string {
    const emitter = this.#emitter;
    switch (step.type) {
      case 'progress':
        return emitter.progress(step.step, step.percentage, step.message, step.subProgress);
      case 'turn':
        return emitter.turn(step.turnNumber, step.toolCount);
      case 'thinking':
        return emitter.thinking(step.text);
      case 'text':
        return emitter.token(step.text);
      case 'tool-call':
        return emitter.toolUse(step.toolName, step.toolCallId, inputSummaryOf(step.input));
      case 'tool-result':
        return emitter.toolResult(step.toolName, step.toolCallId, step.output, step.durationMs, step.isError);
      case 'creation':
        return emitter.creation(step.creationType, step.items.length, step.toolCallId, step.items);
      case 'error':
        return emitter.error(step.errorType, step.message, step.details);
      case 'usage': {
        const { inputTokens, outputTokens, totalCostUsd, model } = step;
        return emitter.usage({ inputTokens, outputTokens, totalCostUsd, model });
      }
      case 'done': {
        const { messageId, numTurns, toolCount, durationMs, model, totalCostUsd } = step;
        return emitter.done({ messageId, numTurns, toolCount, durationMs, model, totalCostUsd });
      }
    }
  }
}
