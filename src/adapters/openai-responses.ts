import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import { toDisplayText } from '../core/display-text';
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
  usageEvent,
} from './support';

const NAME = 'openai-responses';

/** Where each kind of tool-call item keeps its input (`function_call`, `mcp_call`: `arguments`; `custom_tool_call`: `input`; …). */
const INPUT_FIELDS = ['arguments', 'input', 'action', 'operation', 'code', 'queries'];
/** Where built-in tool items keep their result (`mcp_call`, `*_output`: `output`; `code_interpreter_call`: `outputs`; …). */
const RESULT_FIELDS = ['output', 'outputs', 'results', 'result'];

/** Deltas of a tool call's input text, by event type. */
const INPUT_DELTAS = new Set(['response.function_call_arguments.delta', 'response.custom_tool_call_input.delta', 'response.mcp_call_arguments.delta']);
/** The input is complete: the `.done` events of client-run calls, and the field holding the whole input. */
const INPUT_DONE = new Map([
  ['response.function_call_arguments.done', 'arguments'],
  ['response.custom_tool_call_input.done', 'input'],
]);

/**
 * Events whose content reaches the store another way: `.done` events repeat the deltas, and
 * (`ITEM_PHASE`) a built-in call's phases (`response.web_search_call.searching`,
 * `response.mcp_call.failed`, …) end in the `response.output_item.done` that carries its outcome.
 */
const ECHOES = new Set([
  'keepalive',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.done',
  'response.reasoning_summary_part.done',
  'response.reasoning_summary_text.done',
  'response.reasoning_text.done',
  'response.refusal.delta',
  'response.mcp_call_arguments.done',
  'response.code_interpreter_call_code.delta',
  'response.code_interpreter_call_code.done',
]);
const ITEM_PHASE = /^response\.(?:\w+_call|mcp_list_tools)\.(?:in_progress|searching|interpreting|generating|completed|failed)$/;
/** The events that end a response (`error` alone does not). */
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

interface Call {
  id: string;
  name: string;
  /** Run by the client (the item has a `call_id` its output will answer): it ends `ready`. */
  client: boolean;
  ready: boolean;
}

const isToolCall = (item: JsonObject): boolean => stringOr(item.type).endsWith('_call');
/** An item answering a call by its `call_id` (`function_call_output`, `shell_call_output`, …): the server ran it. */
const isToolOutput = (item: JsonObject): boolean => stringOr(item.type).endsWith('_output') && typeof item.call_id === 'string';

function firstField(item: JsonObject, fields: readonly string[]): unknown {
  for (const field of fields) if (item[field] !== undefined && item[field] !== null) return item[field];
  return undefined;
}

/** A call's input: `arguments` is JSON text, parsed; other inputs are kept as sent. */
function inputOf(item: JsonObject): unknown {
  return typeof item.arguments === 'string' ? parsePartialArgs(item.arguments) : firstField(item, INPUT_FIELDS);
}

function failureOf(item: JsonObject): string | null {
  if (item.error !== undefined && item.error !== null) return toDisplayText(item.error);
  return item.status === 'failed' || item.status === 'incomplete' ? item.status : null;
}

function createDecoder(): AdapterDecoder {
  const argsBuffer = new ToolArgsBuffer();
  // Calls by item id (deltas name the item; results name the call id).
  const calls = new Map<string, Call>();
  const callNames = new Map<string, string>();
  let responseId = '';
  let model = '';
  let ended = false;
  let lastWasError = false;

  const callOf = (item: JsonObject, emit: AdapterOutput): Call => {
    const itemId = stringOr(item.id);
    const known = calls.get(itemId);
    if (known) return known;
    const client = typeof item.call_id === 'string';
    const type = stringOr(item.type);
    const call = { id: client ? stringOr(item.call_id) : itemId, name: stringOr(item.name) || type.replace(/_call$/, ''), client, ready: false };
    calls.set(itemId, call);
    callNames.set(call.id, call.name);
    if (client) {
      // Opened at `streaming-args`: its input streams, or comes whole with the item's end.
      const text = typeof item.arguments === 'string' ? item.arguments : stringOr(item.input);
      emit(argsBuffer.append(call.id, call.name, text));
    } else {
      emit(toolUseEvent(call.id, call.name, 'running', inputOf(item)));
    }
    return call;
  };

  const ready = (call: Call, args: unknown, emit: AdapterOutput): void => {
    if (call.ready) return;
    call.ready = true;
    emit(toolUseEvent(call.id, call.name, 'ready', args));
  };

  const result = (id: string, name: string, item: JsonObject, emit: AdapterOutput): void => {
    const failure = failureOf(item);
    const output = firstField(item, RESULT_FIELDS);
    emit(toolResultEvent(id, name, failure === null ? { status: 'done', output } : { status: 'error', output, errorText: failure }));
  };

  const itemDone = (item: JsonObject, emit: AdapterOutput): void => {
    if (isToolCall(item)) {
      const call = callOf(item, emit);
      if (call.client) return ready(call, inputOf(item), emit);
      // A built-in tool ran on OpenAI's side: its final input, then its outcome.
      emit(toolUseEvent(call.id, call.name, 'running', inputOf(item)));
      return result(call.id, call.name, item, emit);
    }
    if (isToolOutput(item)) {
      const id = item.call_id as string;
      return result(id, callNames.get(id) ?? stringOr(item.type).replace(/_call_output$|_output$/, ''), item, emit);
    }
    if (item.type !== 'message' && item.type !== 'reasoning') emit(customEvent(stringOr(item.type, 'item'), item));
  };

  /** A lifecycle event: the response's id and model; its usage and end for the terminal ones. */
  const readResponse = (type: string, chunk: JsonObject, emit: AdapterOutput): void => {
    const response = isObject(chunk.response) ? chunk.response : undefined;
    if (!response) return emit(schemaError(NAME, `${type} has no response object`, type));
    responseId = stringOr(response.id, responseId);
    model = stringOr(response.model) || model;
    if (!TERMINAL.has(type)) return;
    const { usage } = response;
    if (isObject(usage)) {
      emit(usageEvent({ inputTokens: numberOrNull(usage.input_tokens), outputTokens: numberOrNull(usage.output_tokens), model: model || null }));
    }
    ended = true;
    if (type === 'response.failed') {
      const error = isObject(response.error) ? response.error : {};
      return emit(errorEvent(stringOr(error.code) || 'failed', stringOr(error.message) || 'The response failed.', error, true));
    }
    const incomplete = isObject(response.incomplete_details) ? stringOr(response.incomplete_details.reason) : '';
    emit(doneEvent({ messageId: responseId, model, stopReason: incomplete || null }));
  };

  const readEvent = (type: string, chunk: JsonObject, emit: AdapterOutput): void => {
    switch (type) {
      case 'response.queued':
      case 'response.created':
      case 'response.in_progress':
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        return readResponse(type, chunk, emit);
      case 'response.output_text.delta':
        return textDelta('token', chunk, emit);
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return textDelta('thinking', chunk, emit);
      case 'response.reasoning_summary_part.added':
        // Summary parts are paragraphs (each opens with its bold title): kept apart as such.
        if ((numberOrNull(chunk.summary_index) ?? 0) > 0) emit({ type: 'thinking', data: { text: '\n\n' } });
        return;
      case 'response.refusal.done':
        // A refusal is not answer text (the SDK keeps it apart from `output_text`): reported whole.
        return emit(errorEvent('refusal', stringOr(chunk.refusal), {}));
      case 'response.output_item.added':
      case 'response.output_item.done': {
        const { item } = chunk;
        if (!isObject(item)) return emit(schemaError(NAME, `${type} has no item object`, type));
        if (type === 'response.output_item.done') return itemDone(item, emit);
        if (isToolCall(item)) callOf(item, emit);
        return;
      }
      case 'error':
        lastWasError = true;
        // Not terminal by itself: `response.failed` follows with the outcome.
        return emit(errorEvent(stringOr(chunk.code) || 'error', stringOr(chunk.message), chunk));
    }
    const wholeInput = INPUT_DONE.get(type);
    if (INPUT_DELTAS.has(type) || wholeInput !== undefined) {
      const call = calls.get(stringOr(chunk.item_id));
      if (!call) return emit(schemaError(NAME, `${type} names an item that was never added`, type));
      if (wholeInput === undefined) return void emit(argsBuffer.append(call.id, call.name, stringOr(chunk.delta)));
      return ready(call, inputOf({ [wholeInput]: chunk[wholeInput] }), emit);
    }
    if (ECHOES.has(type) || ITEM_PHASE.test(type)) return;
    emit(customEvent(type, chunk));
  };

  return {
    decode(frame, emit) {
      if (ended) return;
      const chunk = readObject(frame, emit, NAME);
      if (!chunk) return;
      const type = stringOr(chunk.type, frame.event ?? '');
      if (type === '') return emit(schemaError(NAME, 'an event has no type', frame.event));
      lastWasError = false;
      readEvent(type, chunk, emit);
    },
    // The stream ends after a terminal `response.*` event, or when the server closes it after an
    // `error` (its last word); any other close is a drop.
    close: () => ended || lastWasError,
  };
}

function textDelta(type: 'token' | 'thinking', chunk: JsonObject, emit: AdapterOutput): void {
  const text = stringOr(chunk.delta);
  if (text !== '') emit({ type, data: { text } });
}

/**
 * OpenAI Responses API streaming (named `response.*` events): text, reasoning summaries and text,
 * function and custom tool calls with streamed arguments that end `ready` (the client runs them),
 * built-in tools (web search, file search, code interpreter, MCP, …) from `running` to their
 * outcome, refusals, errors, usage and the terminal events. Unmapped events become `custom`; the
 * protocol carries no cost and no turns.
 *
 * @example
 * useAgentStream('/api/respond', { protocol: openaiResponses });
 */
export const openaiResponses: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) => {
    if (frame === null) return false;
    const type = readObject(frame, () => {}, NAME)?.type;
    return typeof type === 'string' && type.startsWith('response.') && (frame.event === undefined || frame.event === type);
  },
  createDecoder,
};
