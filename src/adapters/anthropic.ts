import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import { toDisplayText } from '../core/display-text';
import type { Usage } from '../core/state';
import { addUsage, EMPTY_USAGE } from '../core/usage';
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
  ToolArgsBuffer,
  toolResultEvent,
  toolUseEvent,
  type ToolOutcome,
  usageEvent,
} from './support';

const NAME = 'anthropic';

/** Stop reasons after which the conversation goes on (the client runs tools, or re-sends a paused turn). */
const CONTINUING = new Set(['tool_use', 'pause_turn']);

/** A tool-call content block of the message in progress, by its `index`. */
interface ToolBlock {
  id: string;
  name: string;
  /** `server_tool_use`/`mcp_tool_use`: run on Anthropic's side, its result block follows. */
  server: boolean;
  /** The block's `input` at start: what stands when no `input_json_delta` comes. */
  input: unknown;
}

/** The message's token counts as sent: every field is cumulative for the message and may be absent. */
interface MessageTokens {
  input_tokens: number | null;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  output_tokens: number | null;
}

const NO_TOKENS: MessageTokens = { input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: null };

/** Overwrites the counters `usage` carries (Anthropic sends cumulative values: never add). */
function updateTokens(tokens: MessageTokens, usage: JsonObject): MessageTokens {
  const next = { ...tokens };
  for (const key of Object.keys(NO_TOKENS) as (keyof MessageTokens)[]) next[key] = numberOrNull(usage[key]) ?? tokens[key];
  return next;
}

/** Input tokens are the sum of the uncached, cache-written and cache-read ones (Anthropic's definition). */
function usageOf(tokens: MessageTokens, model: string): Usage {
  const inputs = [tokens.input_tokens, tokens.cache_creation_input_tokens, tokens.cache_read_input_tokens].filter((n) => n !== null);
  return {
    inputTokens: inputs.length === 0 ? null : inputs.reduce((a, b) => a + b, 0),
    outputTokens: tokens.output_tokens,
    totalCostUsd: null,
    model: model || null,
  };
}

/** A server tool's result block: an error when flagged, or when its content is a `*_error` object. */
function outcomeOf(block: JsonObject): ToolOutcome {
  const { content: output } = block;
  if (isObject(output) && stringOr(output.type).endsWith('_error')) {
    return { status: 'error', output, errorText: stringOr(output.error_code) || stringOr(output.type) };
  }
  return block.is_error === true ? { status: 'error', output, errorText: toDisplayText(output) } : { status: 'done', output };
}

function createDecoder(): AdapterDecoder {
  const argsBuffer = new ToolArgsBuffer();
  const toolNames = new Map<string, string>();
  let blocks = new Map<number, ToolBlock>();
  let turn = 0;
  let messageId = '';
  let model = '';
  let stopReason: string | null = null;
  // Usage of the stream's earlier messages, and the counters of the one in progress.
  let earlier: Usage = EMPTY_USAGE;
  let tokens = NO_TOKENS;
  // `stopped`: the last message ended with a stop reason that lets the loop go on; its run ends
  // with the next message or with a clean close.
  let state: 'idle' | 'open' | 'stopped' | 'ended' = 'idle';

  const emitUsage = (emit: AdapterOutput): void => {
    const { inputTokens, outputTokens, model: usageModel } = addUsage(earlier, usageOf(tokens, model));
    emit(usageEvent({ inputTokens, outputTokens, model: usageModel }));
  };

  const done = (emit: AdapterOutput): void => {
    emit(doneEvent({ messageId, model, stopReason }));
    state = 'ended';
  };

  const messageStart = (chunk: JsonObject, emit: AdapterOutput): void => {
    const { message } = chunk;
    if (!isObject(message)) return emit(schemaError(NAME, 'message_start has no message object', 'message_start'));
    // Several messages in one stream (an agent loop proxied): one turn each, one run for all.
    state = 'open';
    blocks = new Map();
    messageId = stringOr(message.id);
    model = stringOr(message.model) || model;
    stopReason = null;
    tokens = isObject(message.usage) ? updateTokens(NO_TOKENS, message.usage) : NO_TOKENS;
    emit({ type: 'turn', data: { turnNumber: ++turn, totalTools: null } });
    emitUsage(emit);
  };

  const blockStart = (chunk: JsonObject, emit: AdapterOutput): void => {
    const block = chunk.content_block;
    const index = numberOrNull(chunk.index);
    if (!isObject(block) || index === null) return emit(schemaError(NAME, 'content_block_start needs an index and a content_block', 'content_block_start'));
    const type = stringOr(block.type);
    if (type === 'text' || type === 'thinking') return textOf(type === 'text' ? 'token' : 'thinking', block[type], emit);
    // Encrypted reasoning: nothing a reader can show.
    if (type === 'redacted_thinking') return;
    if (type.endsWith('tool_use')) {
      if (typeof block.id !== 'string' || block.id === '') return emit(schemaError(NAME, `a ${type} block has no id`, 'content_block_start'));
      const tool = { id: block.id, name: stringOr(block.name), server: type !== 'tool_use', input: block.input };
      blocks.set(index, tool);
      toolNames.set(tool.id, tool.name);
      return void emit(argsBuffer.append(tool.id, tool.name, ''));
    }
    if (type.endsWith('tool_result') && typeof block.tool_use_id === 'string') {
      return emit(toolResultEvent(block.tool_use_id, toolNames.get(block.tool_use_id) ?? '', outcomeOf(block)));
    }
    emit(customEvent(type || 'content_block_start', chunk));
  };

  const blockDelta = (chunk: JsonObject, emit: AdapterOutput): void => {
    const { delta } = chunk;
    if (!isObject(delta)) return emit(schemaError(NAME, 'content_block_delta has no delta object', 'content_block_delta'));
    switch (delta.type) {
      case 'text_delta':
        return textOf('token', delta.text, emit);
      case 'thinking_delta':
        return textOf('thinking', delta.thinking, emit);
      // The signature only lets the API verify the thinking when it is sent back.
      case 'signature_delta':
        return;
      case 'input_json_delta': {
        const tool = blocks.get(numberOrNull(chunk.index) ?? -1);
        if (!tool) return emit(schemaError(NAME, 'input_json_delta for a block that is not a tool call', 'content_block_delta'));
        // The API often opens with an empty fragment: nothing to add.
        const text = stringOr(delta.partial_json);
        if (text !== '') emit(argsBuffer.append(tool.id, tool.name, text));
        return;
      }
    }
    emit(customEvent(stringOr(delta.type, 'content_block_delta'), chunk));
  };

  const blockStop = (chunk: JsonObject, emit: AdapterOutput): void => {
    const index = numberOrNull(chunk.index) ?? -1;
    const tool = blocks.get(index);
    if (!tool) return;
    blocks.delete(index);
    const text = argsBuffer.text(tool.id);
    // As the SDK does: the streamed JSON when there is some, else the start's input (`{}`).
    const args = text.trim() === '' ? (tool.input ?? {}) : parsePartialArgs(text);
    // A client tool is the caller's to run; a server tool's result block follows in the stream.
    emit(toolUseEvent(tool.id, tool.name, tool.server ? 'running' : 'ready', args));
  };

  const readEvent = (type: string, chunk: JsonObject, emit: AdapterOutput): void => {
    switch (type) {
      case 'message_start':
        return messageStart(chunk, emit);
      case 'content_block_start':
        return blockStart(chunk, emit);
      case 'content_block_delta':
        return blockDelta(chunk, emit);
      case 'content_block_stop':
        return blockStop(chunk, emit);
      case 'message_delta': {
        if (isObject(chunk.delta) && typeof chunk.delta.stop_reason === 'string') stopReason = chunk.delta.stop_reason;
        if (!isObject(chunk.usage)) return;
        tokens = updateTokens(tokens, chunk.usage);
        return emitUsage(emit);
      }
      case 'message_stop':
        earlier = addUsage(earlier, usageOf(tokens, model));
        tokens = NO_TOKENS;
        state = 'stopped';
        // The final message of the loop ends the run now; after `tool_use` another message may follow.
        if (!CONTINUING.has(stopReason ?? '')) done(emit);
        return;
      case 'ping':
        return;
      case 'error': {
        const error = isObject(chunk.error) ? chunk.error : {};
        state = 'ended';
        return emit(errorEvent(stringOr(error.type) || 'error', stringOr(error.message), error, true));
      }
    }
    emit(customEvent(type, chunk));
  };

  return {
    decode(frame, emit) {
      if (state === 'ended') return;
      const chunk = readObject(frame, emit, NAME);
      if (!chunk) return;
      const type = stringOr(chunk.type, frame.event ?? '');
      if (type === '') return emit(schemaError(NAME, 'an event has no type', frame.event));
      readEvent(type, chunk, emit);
    },
    close(emit) {
      // A message that stopped for tools, then a clean close: that was the run's last message.
      if (state === 'stopped') done(emit);
      return state === 'ended';
    },
  };
}

function textOf(type: 'token' | 'thinking', value: unknown, emit: AdapterOutput): void {
  const text = stringOr(value);
  if (text !== '') emit({ type, data: { text } });
}

/**
 * Anthropic Messages streaming (named events `message_start` … `message_stop`): text, thinking,
 * client tool calls with streamed input that end `ready` (the client runs them), server tools
 * (`server_tool_use` and their result blocks), cumulative usage, refusals as a stop reason, and the
 * terminal `error` event. Several messages in one stream (a proxied agent loop) are turns of one
 * run. The protocol carries no cost and no client tool results.
 *
 * @example
 * useAgentStream('/api/claude', { protocol: anthropic });
 */
export const anthropic: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) => {
    if (frame === null || (frame.event !== undefined && frame.event !== 'message_start' && frame.event !== 'error')) return false;
    const chunk = readObject(frame, () => {}, NAME);
    return (chunk?.type === 'message_start' && isObject(chunk.message)) || (chunk?.type === 'error' && isObject(chunk.error));
  },
  createDecoder,
};
