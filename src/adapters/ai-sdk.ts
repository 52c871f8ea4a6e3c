import type { AdapterDecoder, AdapterOutput, AdapterProbe, ProtocolAdapter } from '../core/adapter';
import type { AgentEventOf, SSEFrame } from '../core/protocol';
import {
  customEvent,
  doneEvent,
  errorEvent,
  isObject,
  type JsonObject,
  readObject,
  requireStrings,
  schemaError,
  stringOr,
  tokenCounts,
  ToolArgsBuffer,
  type ToolOutcome,
  toolResultEvent,
  toolUseEvent,
  usageEvent,
} from './support';

const NAME = 'ai-sdk';

/** Every chunk type of the UI message stream, AI SDK 5 to 7 (`data-*` aside). */
const CHUNK_TYPES = new Set([
  'start', 'finish', 'abort', 'error', 'message-metadata', 'start-step', 'finish-step', 'reset-step',
  'text-start', 'text-delta', 'text-end', 'reasoning-start', 'reasoning-delta', 'reasoning-end',
  'tool-input-start', 'tool-input-delta', 'tool-input-available', 'tool-input-error',
  'tool-approval-request', 'tool-approval-response', 'tool-output-available', 'tool-output-error',
  'tool-output-denied', 'source-url', 'source-document', 'file', 'reasoning-file', 'custom', 'steering-message',
]);

/**
 * The first chunk of a UI message stream: a known type, and none of the fields that mark the chunks
 * of look-alike data-only protocols (assistant-stream's `path`, pydantic-ai-stream's `origin`).
 */
function looksLikeChunk(frame: SSEFrame | null): boolean {
  if (!frame || (frame.event !== undefined && frame.event !== 'message')) return false;
  let chunk: unknown;
  try {
    chunk = JSON.parse(frame.data);
  } catch {
    return false;
  }
  if (!isObject(chunk) || typeof chunk.type !== 'string' || 'path' in chunk || 'origin' in chunk) return false;
  return CHUNK_TYPES.has(chunk.type) || chunk.type.startsWith('data-');
}

/**
 * The Vercel AI SDK UI message stream (`x-vercel-ai-ui-message-stream: v1`; SSE `data:` chunks
 * ending with `data: [DONE]`), as `streamText(...).toUIMessageStreamResponse()` and
 * `createUIMessageStreamResponse` write it. Tool calls stream their input and are `ready` once it is
 * complete: a server tool's output settles the call (a preliminary output shows it `running`), a
 * client tool, whose result never comes in the stream, stays `ready`. No cost is carried, and
 * tokens only when the server puts them in the message metadata (`totalUsage` or `usage`).
 *
 * @example
 * useAgentStream('/api/chat', { protocol: aiSdk });
 */
export const aiSdk: ProtocolAdapter = {
  name: NAME,
  detect: ({ headers, contentType, frame }: AdapterProbe) =>
    headers.get('x-vercel-ai-ui-message-stream') === 'v1' || (contentType === 'text/event-stream' && looksLikeChunk(frame)),
  createDecoder: () => new AiSdkDecoder(),
};

class AiSdkDecoder implements AdapterDecoder {
  readonly #args = new ToolArgsBuffer();
  readonly #names = new Map<string, string>();
  /** `approvalId` → `toolCallId`, to tie an approval response to its call. */
  readonly #approvals = new Map<string, string>();
  /** A refused call's reason, from its approval response, for its `tool-output-denied`. */
  readonly #denials = new Map<string, string>();
  #steps = 0;
  #messageId = '';
  #metadata: JsonObject | null = null;
  /** The `finish` chunk, once it came; its `done` is held back until `[DONE]` so that it stays the run's last event. */
  #finish: JsonObject | null = null;
  #doneSent = false;
  #ended = false;
  /** The last chunk was an `error`: a `[DONE]` without `finish` then does not complete the run. */
  #lastWasError = false;

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    if (frame.data === '[DONE]') return this.#end(emit);
    const chunk = readObject(frame, emit, NAME);
    if (!chunk) return;
    if (typeof chunk.type !== 'string') return emit(schemaError(NAME, 'a chunk without a string "type"', frame.event));
    this.#lastWasError = chunk.type === 'error';
    this.#chunk(chunk.type, chunk, emit);
  }

  close(emit: AdapterOutput): boolean {
    // `finish` completes the run; `[DONE]` alone (a stream that failed) ends it unless an error was the last word.
    if (this.#finish === null) return this.#ended && !this.#lastWasError;
    this.#end(emit);
    return true;
  }

  #chunk(type: string, chunk: JsonObject, emit: AdapterOutput): void {
    const need = <K extends string>(...keys: K[]) => requireStrings(chunk, keys, emit, NAME, type);
    switch (type) {
      case 'text-delta': {
        const f = need('delta');
        return f && emit({ type: 'token', data: { text: f.delta } });
      }
      case 'reasoning-delta': {
        const f = need('delta');
        return f && emit({ type: 'thinking', data: { text: f.delta } });
      }
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
        // Parts are opened and closed by the deltas themselves; v7's `text-end.citations` are kept.
        if (chunk.citations !== undefined) emit(customEvent(type, chunk));
        return;
      case 'tool-input-start': {
        const f = need('toolCallId', 'toolName');
        if (!f) return;
        this.#names.set(f.toolCallId, f.toolName);
        return emit(this.#args.append(f.toolCallId, f.toolName, ''));
      }
      case 'tool-input-delta': {
        const f = need('toolCallId', 'inputTextDelta');
        return f && emit(this.#args.append(f.toolCallId, this.#name(f.toolCallId), f.inputTextDelta));
      }
      case 'tool-input-available': {
        const f = need('toolCallId', 'toolName');
        if (!f) return;
        this.#names.set(f.toolCallId, f.toolName);
        // Complete input: the call is ready; a server tool's output settles it, a client tool stays ready.
        return emit(toolUseEvent(f.toolCallId, f.toolName, 'ready', chunk.input));
      }
      case 'tool-input-error': {
        const f = need('toolCallId', 'toolName', 'errorText');
        if (!f) return;
        this.#names.set(f.toolCallId, f.toolName);
        emit(toolUseEvent(f.toolCallId, f.toolName, 'ready', chunk.input));
        return this.#settle(f.toolCallId, { status: 'error', errorText: f.errorText }, emit);
      }
      case 'tool-output-available': {
        const f = need('toolCallId');
        if (!f) return;
        // A preliminary output (a streaming tool's progress) shows the tool running; it does not settle the call.
        if (chunk.preliminary === true) {
          emit(toolUseEvent(f.toolCallId, this.#name(f.toolCallId), 'running'));
          return emit(customEvent(type, chunk));
        }
        return this.#settle(f.toolCallId, { status: 'done', output: chunk.output }, emit);
      }
      case 'tool-output-error': {
        const f = need('toolCallId', 'errorText');
        return f && this.#settle(f.toolCallId, { status: 'error', errorText: f.errorText }, emit);
      }
      case 'tool-output-denied': {
        const f = need('toolCallId');
        if (!f) return;
        const reason = this.#denials.get(f.toolCallId);
        return this.#settle(f.toolCallId, reason === undefined ? { status: 'denied' } : { status: 'denied', errorText: reason }, emit);
      }
      case 'tool-approval-request': {
        const f = need('approvalId', 'toolCallId');
        if (!f) return;
        // The call stays ready: the user's decision comes with the next request.
        this.#approvals.set(f.approvalId, f.toolCallId);
        return emit(customEvent(type, chunk));
      }
      case 'tool-approval-response': {
        const toolCallId = this.#approvals.get(stringOr(chunk.approvalId));
        if (toolCallId !== undefined && chunk.approved === false && typeof chunk.reason === 'string') this.#denials.set(toolCallId, chunk.reason);
        return emit(customEvent(type, chunk));
      }
      case 'start-step':
        return emit({ type: 'turn', data: { turnNumber: ++this.#steps, totalTools: null } });
      case 'finish-step':
        // Steps are counted as they start.
        return;
      case 'start':
        this.#messageId = stringOr(chunk.messageId, this.#messageId);
        return this.#takeMetadata(chunk.messageMetadata, emit);
      case 'message-metadata':
        this.#takeMetadata(chunk.messageMetadata, emit);
        return emit(customEvent(type, chunk));
      case 'finish':
        this.#takeMetadata(chunk.messageMetadata, emit);
        this.#finish = chunk;
        return;
      case 'error': {
        const f = need('errorText');
        return f && emit(errorEvent('error', f.errorText, {}));
      }
      case 'abort':
        // The server stopped the run before its end (its own abort signal fired).
        return emit(errorEvent('abort', stringOr(chunk.reason, 'The run was aborted.'), {}, true));
      case 'file':
        return emit({ type: 'creation', data: { creationType: 'file', count: 1, toolUseId: '', items: [chunk] } });
      default:
        // Sources, data parts, v7's custom/reset-step/reasoning-file/steering-message and any newer type.
        return emit(customEvent(type, chunk));
    }
  }

  #name(toolCallId: string): string {
    return this.#names.get(toolCallId) ?? '';
  }

  #settle(toolCallId: string, outcome: ToolOutcome, emit: AdapterOutput): void {
    emit(toolResultEvent(toolCallId, this.#name(toolCallId), outcome));
  }

  /** Message metadata is the app's own; the usage of the AI SDK's `totalUsage` recipe is read from it. */
  #takeMetadata(metadata: unknown, emit: AdapterOutput): void {
    if (!isObject(metadata)) return;
    this.#metadata = { ...this.#metadata, ...metadata };
    const counts = tokenCounts(metadata.totalUsage ?? metadata.usage);
    if (counts) emit(usageEvent({ ...counts, model: stringOr(metadata.model) || null }));
  }

  #end(emit: AdapterOutput): void {
    this.#ended = true;
    const finish = this.#finish;
    if (finish === null || this.#doneSent) return;
    this.#doneSent = true;
    const done: AgentEventOf<'done'> = doneEvent({ messageId: this.#messageId });
    if (typeof finish.finishReason === 'string') done.data.finishReason = finish.finishReason;
    if (this.#metadata) done.data.messageMetadata = this.#metadata;
    emit(done);
  }
}
