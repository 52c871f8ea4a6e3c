import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import {
  customEvent,
  doneEvent,
  errorEvent,
  isObject,
  type JsonObject,
  numberOrNull,
  parsePartialArgs,
  readObject,
  schemaError,
  stringOr,
  SynthesizedToolIds,
  ToolArgsBuffer,
  toolUseEvent,
  usageEvent,
} from './support';

const NAME = 'openai-chat';

/** The key of the legacy single `function_call` among the numbered `tool_calls`. */
const LEGACY_FUNCTION_CALL = -1;

interface OpenCall {
  id: string;
  name: string;
}

/** The message of an `{"error": …}` chunk: an object `{message, type, code}` or, from some servers, a string. */
function errorOf(error: unknown): { errorType: string; message: string; details: Record<string, unknown> } {
  if (!isObject(error)) return { errorType: 'error', message: stringOr(error, JSON.stringify(error)), details: { error } };
  const code = typeof error.code === 'number' ? String(error.code) : stringOr(error.code);
  return { errorType: stringOr(error.type) || code || 'error', message: stringOr(error.message), details: error };
}

function createDecoder(): AdapterDecoder {
  const argsBuffer = new ToolArgsBuffer();
  const syntheticIds = new SynthesizedToolIds('');
  // Calls of the followed choice by tool index, and those whose arguments may still grow.
  const byIndex = new Map<number, OpenCall>();
  let pending: OpenCall[] = [];
  let refusal = '';
  let completionId = '';
  let model = '';
  let finishReason: string | null = null;
  let ended = false;

  /** The arguments are complete: each call is the client's to run (results never come in-stream). */
  const settle = (emit: AdapterOutput): void => {
    for (const { id, name } of pending) emit(toolUseEvent(id, name, 'ready', parsePartialArgs(argsBuffer.text(id))));
    pending = [];
    byIndex.clear();
    // A refusal is not answer text (the SDK keeps it apart from `content`): it is reported once, whole.
    if (refusal !== '') emit(errorEvent('refusal', refusal, {}));
    refusal = '';
  };

  const toolFragment = (index: number, fragment: JsonObject, emit: AdapterOutput): void => {
    const fn = isObject(fragment.function) ? fragment.function : {};
    const id = stringOr(fragment.id);
    const name = stringOr(fn.name);
    const delta = stringOr(fn.arguments);
    let call = byIndex.get(index);
    // Some compatible servers send every call at index 0: a new id there is a new call.
    if (!call || (id !== '' && id !== call.id)) {
      call = { id: id || syntheticIds.start(name || 'tool'), name };
      byIndex.set(index, call);
      pending.push(call);
      emit(argsBuffer.append(call.id, call.name, delta));
      return;
    }
    if (call.name === '') call.name = name;
    if (delta !== '') emit(argsBuffer.append(call.id, call.name, delta));
  };

  const readDelta = (delta: JsonObject, emit: AdapterOutput): void => {
    for (const key of ['content', 'reasoning_content', 'reasoning', 'refusal']) {
      const value = delta[key];
      if (value !== undefined && value !== null && typeof value !== 'string') emit(schemaError(NAME, `delta.${key} is not a string`));
    }
    // Compatible servers stream reasoning as `reasoning_content` (DeepSeek, vLLM) or `reasoning`; never both.
    const reasoning = stringOr(delta.reasoning_content) || stringOr(delta.reasoning);
    if (reasoning !== '') emit({ type: 'thinking', data: { text: reasoning } });
    const content = stringOr(delta.content);
    if (content !== '') emit({ type: 'token', data: { text: content } });
    refusal += stringOr(delta.refusal);
    const { tool_calls: toolCalls, function_call: functionCall } = delta;
    if (Array.isArray(toolCalls)) {
      toolCalls.forEach((fragment: unknown, position) => {
        if (!isObject(fragment)) return emit(schemaError(NAME, 'a tool_calls entry is not an object'));
        toolFragment(numberOrNull(fragment.index) ?? position, fragment, emit);
      });
    } else if (toolCalls !== undefined && toolCalls !== null) {
      emit(schemaError(NAME, 'delta.tool_calls is not an array'));
    }
    if (isObject(functionCall)) toolFragment(LEGACY_FUNCTION_CALL, { function: functionCall }, emit);
  };

  const readChunk = (chunk: JsonObject, event: string | undefined, emit: AdapterOutput): void => {
    const { choices } = chunk;
    if (!Array.isArray(choices)) {
      if (chunk.object === 'chat.completion.chunk') return emit(schemaError(NAME, 'choices is not an array'));
      return emit(customEvent(stringOr(chunk.object, event ?? 'message'), chunk));
    }
    completionId = stringOr(chunk.id, completionId);
    model = stringOr(chunk.model) || model;
    for (const choice of choices as unknown[]) {
      if (!isObject(choice)) {
        emit(schemaError(NAME, 'a choice is not an object'));
        continue;
      }
      // The store holds one answer: the first choice. Others (`n` > 1) are left to the SDK.
      if ((numberOrNull(choice.index) ?? 0) !== 0) continue;
      if (isObject(choice.delta)) readDelta(choice.delta, emit);
      if (typeof choice.finish_reason === 'string') {
        finishReason = choice.finish_reason;
        settle(emit);
      }
    }
    // Present on the last chunk with `stream_options.include_usage` (some servers send it on every
    // chunk): totals for the completion, so they replace.
    const { usage } = chunk;
    if (isObject(usage)) {
      emit(usageEvent({ inputTokens: numberOrNull(usage.prompt_tokens), outputTokens: numberOrNull(usage.completion_tokens), model: model || null }));
    }
  };

  return {
    decode(frame, emit) {
      if (ended) return;
      // The SDK's own test: anything starting `[DONE]` ends the stream.
      if (frame.data.startsWith('[DONE]')) {
        settle(emit);
        emit(doneEvent({ messageId: completionId, model, stopReason: finishReason }));
        ended = true;
        return;
      }
      const chunk = readObject(frame, emit, NAME);
      if (!chunk) return;
      if (chunk.error !== undefined && chunk.error !== null && chunk.error !== false) {
        const { errorType, message, details } = errorOf(chunk.error);
        emit(errorEvent(errorType, message, details, true));
        ended = true;
        return;
      }
      readChunk(chunk, frame.event, emit);
    },
    // `[DONE]` is the end marker: a close before it (or an error chunk) is a drop.
    close: () => ended,
  };
}

/**
 * OpenAI Chat Completions streaming (`stream: true`), also spoken by most OpenAI-compatible servers:
 * text, reasoning (the non-standard `reasoning_content`/`reasoning`), streamed tool calls that end
 * `ready` (the client runs them), usage when `stream_options.include_usage` is set, and `[DONE]`.
 * Only the first choice is followed; the protocol carries no tool results, steps or cost.
 *
 * @example
 * useAgentStream('/api/chat', { protocol: openaiChat });
 */
export const openaiChat: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) =>
    frame !== null && (frame.event === undefined || frame.event === 'message') && readObject(frame, () => {}, NAME)?.object === 'chat.completion.chunk',
  createDecoder,
};
