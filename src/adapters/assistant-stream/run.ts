import type { AdapterOutput } from '../../core/adapter';
import { toDisplayText } from '../../core/display-text';
import {
  customEvent,
  doneEvent,
  errorEvent,
  type JsonObject,
  parsePartialArgs,
  stringOr,
  tokenCounts,
  ToolArgsBuffer,
  toolResultEvent,
  toolUseEvent,
  usageEvent,
} from '../support';

interface ToolCallState {
  name: string;
  /** The arguments text is complete (`isFinal`, `tool-call-args-text-finish`, the end of a step). */
  argsDone: boolean;
  settled: boolean;
}

/**
 * One assistant-stream run, whichever wire carries it: the DataStream lines and the
 * AssistantTransport chunks are read into these same operations, so both give the same store.
 */
export class AssistantStreamRun {
  readonly #args = new ToolArgsBuffer();
  readonly #calls = new Map<string, ToolCallState>();
  #steps = 0;
  #messageId = '';
  /** The finish reason of `message-finish` (DataStream `d:`), once it came. */
  #finishReason: string | null = null;

  /** Whether the message finished (`message-finish`, DataStream `d:`). */
  get finished(): boolean {
    return this.#finishReason !== null;
  }

  text(delta: string, emit: AdapterOutput): void {
    emit({ type: 'token', data: { text: delta } });
  }

  reasoning(delta: string, emit: AdapterOutput): void {
    emit({ type: 'thinking', data: { text: delta } });
  }

  /** A tool call opens; a second start for the same id is ignored, as assistant-stream's decoder does. */
  toolStart(toolCallId: string, toolName: string, emit: AdapterOutput): void {
    if (this.#calls.has(toolCallId)) return;
    this.#calls.set(toolCallId, { name: toolName, argsDone: false, settled: false });
    emit(this.#args.append(toolCallId, toolName, ''));
  }

  /** Argument text after the arguments closed is dropped, as assistant-stream's decoder does. */
  toolArgs(toolCallId: string, delta: string, emit: AdapterOutput): void {
    const call = this.#call(toolCallId);
    if (call.argsDone || delta === '') return;
    emit(this.#args.append(toolCallId, call.name, delta));
  }

  toolArgsDone(toolCallId: string, emit: AdapterOutput): void {
    const call = this.#calls.get(toolCallId);
    if (!call || call.argsDone || call.settled) return;
    call.argsDone = true;
    // Complete arguments: a backend tool's result settles the call, a frontend tool's never comes.
    emit(toolUseEvent(toolCallId, call.name, 'ready', parsePartialArgs(this.#args.text(toolCallId))));
  }

  /** A whole tool call at once (DataStream `9:`). */
  toolCall(toolCallId: string, toolName: string, args: unknown, emit: AdapterOutput): void {
    const call = this.#call(toolCallId, toolName);
    if (call.argsDone || call.settled) return;
    call.argsDone = true;
    emit(toolUseEvent(toolCallId, call.name, 'ready', args));
  }

  toolResult(toolCallId: string, result: unknown, isError: boolean, artifact: unknown, emit: AdapterOutput): void {
    const call = this.#call(toolCallId);
    call.argsDone = call.settled = true;
    const event = toolResultEvent(
      toolCallId,
      call.name,
      isError ? { status: 'error', output: result, errorText: toDisplayText(result) } : { status: 'done', output: result },
    );
    if (artifact !== undefined) event.data.artifact = artifact;
    emit(event);
  }

  stepStart(messageId: unknown, emit: AdapterOutput): void {
    this.#messageId ||= stringOr(messageId);
    emit({ type: 'turn', data: { turnNumber: ++this.#steps, totalTools: null } });
  }

  /** A step's usage adds to the run's; its still-open arguments are complete (assistant-stream's rule). */
  stepFinish(usage: unknown, emit: AdapterOutput): void {
    this.#closeArgs(emit);
    const counts = tokenCounts(usage);
    if (counts) emit(usageEvent({ ...counts, mode: 'add' }));
  }

  /** The message's usage is its total over the steps: it replaces theirs. */
  messageFinish(chunk: JsonObject, emit: AdapterOutput): void {
    this.#closeArgs(emit);
    this.#finishReason = stringOr(chunk.finishReason);
    const counts = tokenCounts(chunk.usage);
    if (counts) emit(usageEvent(counts));
  }

  error(message: string, chunk: JsonObject | null, emit: AdapterOutput): void {
    const details = chunk && typeof chunk.severity === 'string' ? { severity: chunk.severity } : {};
    emit(errorEvent(stringOr(chunk?.code, 'error'), message, details));
  }

  file(file: JsonObject, emit: AdapterOutput): void {
    emit({ type: 'creation', data: { creationType: 'file', count: 1, toolUseId: '', items: [file] } });
  }

  /** A named data part (`aui-data`, a `data` part), kept as `custom` of type `data-<name>`. */
  dataPart(part: JsonObject, emit: AdapterOutput): void {
    emit(customEvent(`data-${stringOr(part.name)}`, part.data));
  }

  /** The run ended: arguments still open are complete; `done` marks a completed run. */
  end(withDone: boolean, emit: AdapterOutput): void {
    this.#closeArgs(emit);
    if (!withDone) return;
    const done = doneEvent({ messageId: this.#messageId });
    if (this.#finishReason) done.data.finishReason = this.#finishReason;
    emit(done);
  }

  /** The call `toolCallId`, registered now when it never started (arrival order is not guaranteed). */
  #call(toolCallId: string, toolName = ''): ToolCallState {
    let call = this.#calls.get(toolCallId);
    if (!call) this.#calls.set(toolCallId, (call = { name: toolName, argsDone: false, settled: false }));
    return call;
  }

  #closeArgs(emit: AdapterOutput): void {
    for (const id of this.#calls.keys()) this.toolArgsDone(id, emit);
  }
}
