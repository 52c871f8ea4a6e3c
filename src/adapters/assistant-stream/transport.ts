import type { AdapterOutput } from '../../core/adapter';
import { customEvent, isObject, type JsonObject, requireStrings, schemaError, stringOr } from '../support';
import type { AssistantStreamRun } from './run';

const NAME = 'assistant-stream';

/** A part opened by `part-start`, as later chunks address it (by its index among the parts). */
type Part = { kind: 'text' | 'reasoning' | 'other' } | { kind: 'tool'; toolCallId: string };

/** Chunk types only assistant-stream sends: canonical ones, and Python ≤ 0.0.34's flat dialect. */
const OWN_TYPES = new Set([
  'part-start', 'part-finish', 'tool-call-args-text-finish', 'result', 'step-start', 'step-finish', 'message-finish',
  'annotations', 'update-state', 'tool-call-begin', 'tool-call-delta', 'tool-result', 'reasoning-delta',
]);

/**
 * True for an AssistantTransport chunk. `text-delta`, `error` and `data` are also AI SDK chunk
 * types: those count only with assistant-stream's own fields.
 */
export function isTransportChunk(chunk: JsonObject): boolean {
  const { type } = chunk;
  if (typeof type !== 'string') return false;
  if (OWN_TYPES.has(type)) return true;
  if (type === 'text-delta') return typeof chunk.textDelta === 'string';
  if (type === 'error') return typeof chunk.error === 'string';
  return type === 'data' && Array.isArray(chunk.data);
}

/**
 * Reads AssistantTransport chunks (`data: {"type", "path", …}`) into a run: a part's index is the
 * number of parts started before it, and its later chunks address it by `path: [index]`. The flat
 * dialect of older Python servers (`tool-call-begin`, `tool-call-delta`, `tool-result`, text without
 * a path) is read too.
 */
export class TransportReader {
  readonly #parts: Part[] = [];

  constructor(readonly run: AssistantStreamRun) {}

  read(type: string, chunk: JsonObject, emit: AdapterOutput): void {
    const { run } = this;
    const need = <K extends string>(...keys: K[]) => requireStrings(chunk, keys, emit, NAME, type);
    switch (type) {
      case 'part-start':
        return this.#startPart(chunk, emit);
      case 'text-delta': {
        const f = need('textDelta');
        if (!f) return;
        if (chunk.path === undefined) return run.text(f.textDelta, emit);
        const part = this.#part(chunk, type, emit);
        if (part?.kind === 'text') return run.text(f.textDelta, emit);
        if (part?.kind === 'reasoning') return run.reasoning(f.textDelta, emit);
        if (part?.kind === 'tool') return run.toolArgs(part.toolCallId, f.textDelta, emit);
        return part && emit(schemaError(NAME, 'a "text-delta" for a part that takes no text', type));
      }
      case 'tool-call-args-text-finish':
      case 'part-finish': {
        const toolCallId = chunk.path === undefined ? chunk.toolCallId : this.#toolCallId(chunk, type, emit);
        return typeof toolCallId === 'string' ? run.toolArgsDone(toolCallId, emit) : undefined;
      }
      case 'result': {
        const toolCallId = this.#toolCallId(chunk, type, emit);
        return toolCallId === undefined ? undefined : run.toolResult(toolCallId, chunk.result, chunk.isError === true, chunk.artifact, emit);
      }
      case 'step-start':
        return run.stepStart(chunk.messageId, emit);
      case 'step-finish':
        // Older Python servers put the counts on the chunk itself.
        return run.stepFinish(chunk.usage ?? chunk, emit);
      case 'message-finish':
        return run.messageFinish(chunk, emit);
      case 'error':
        return run.error(stringOr(chunk.error, 'Unknown error'), chunk, emit);
      case 'annotations':
        return emit(customEvent(type, chunk.annotations));
      case 'data':
        return emit(customEvent(type, chunk.data));
      case 'update-state':
        return emit(customEvent(type, chunk.operations));
      case 'tool-call-begin': {
        const f = need('toolCallId', 'toolName');
        return f && run.toolStart(f.toolCallId, f.toolName, emit);
      }
      case 'tool-call-delta': {
        const f = need('toolCallId', 'argsTextDelta');
        return f && run.toolArgs(f.toolCallId, f.argsTextDelta, emit);
      }
      case 'tool-result': {
        const f = need('toolCallId');
        return f && run.toolResult(f.toolCallId, chunk.result, chunk.isError === true, chunk.artifact ?? undefined, emit);
      }
      case 'reasoning-delta': {
        const f = need('reasoningDelta');
        return f && run.reasoning(f.reasoningDelta, emit);
      }
      case 'source':
      case 'file':
        return this.#attachment(chunk, emit);
      default:
        return emit(customEvent(type, chunk));
    }
  }

  #startPart(chunk: JsonObject, emit: AdapterOutput): void {
    const { part, path } = chunk;
    if (!isObject(part) || typeof part.type !== 'string') return emit(schemaError(NAME, 'a "part-start" without a part', 'part-start'));
    // assistant-stream opens parts only at the top level; a nested part has no index to address it by.
    if (Array.isArray(path) && path.length > 0) return emit(schemaError(NAME, 'a nested "part-start"', 'part-start'));
    if (part.type === 'text' || part.type === 'reasoning') {
      this.#parts.push({ kind: part.type });
      return;
    }
    if (part.type === 'tool-call') {
      const f = requireStrings(part, ['toolCallId', 'toolName'], emit, NAME, 'part-start');
      this.#parts.push(f ? { kind: 'tool', toolCallId: f.toolCallId } : { kind: 'other' });
      return f && this.run.toolStart(f.toolCallId, f.toolName, emit);
    }
    this.#parts.push({ kind: 'other' });
    if (part.type === 'data') return this.run.dataPart(part, emit);
    if (part.type === 'source' || part.type === 'file') return this.#attachment(part, emit);
    emit(customEvent('part-start', chunk));
  }

  /** A source or a file, without its `type` field: as the DataStream `h:` and `k:` lines carry them. */
  #attachment(part: JsonObject, emit: AdapterOutput): void {
    const { type, ...fields } = part;
    if (type === 'file') return this.run.file(fields, emit);
    emit(customEvent('source', fields));
  }

  /** The part a chunk addresses by its `path`; a `schema` error when it addresses none. */
  #part(chunk: JsonObject, type: string, emit: AdapterOutput): Part | undefined {
    const { path } = chunk;
    const index = Array.isArray(path) && path.length === 1 ? path[0] : undefined;
    const part = typeof index === 'number' ? this.#parts[index] : undefined;
    if (!part) emit(schemaError(NAME, `a "${type}" chunk whose path ${JSON.stringify(path)} names no part`, type));
    return part;
  }

  /** The tool call at the chunk's path: `undefined` (with a `schema` error) when it is not a tool call. */
  #toolCallId(chunk: JsonObject, type: string, emit: AdapterOutput): string | undefined {
    const part = this.#part(chunk, type, emit);
    if (part?.kind === 'tool') return part.toolCallId;
    // `part-finish` closes text and reasoning parts too: nothing to do for those.
    if (part && type !== 'part-finish') emit(schemaError(NAME, `a "${type}" chunk for a part that is not a tool call`, type));
    return undefined;
  }
}
