import type { AdapterOutput } from '../../core/adapter';
import { customEvent, isObject, type JsonObject, readJson, requireStrings, schemaError } from '../support';
import type { AssistantStreamRun } from './run';

const NAME = 'assistant-stream';

/** A DataStream line: a one-character code (or an `aui-*` one), a colon, then JSON. */
const LINE = /^([0-9a-z]|aui-[a-z-]+):/;

/** True for a line of the DataStream protocol: a code, then JSON. */
export function isDataStreamLine(line: string): boolean {
  const code = LINE.exec(line)?.[1];
  if (code === undefined) return false;
  try {
    JSON.parse(line.slice(code.length + 1));
    return true;
  } catch {
    return false;
  }
}

/** What each known code's value must be. */
const SHAPES: Record<string, 'string' | 'array' | 'object'> = {
  '0': 'string', g: 'string', '3': 'string', '2': 'array', '8': 'array', 'aui-state': 'array', b: 'object', c: 'object',
  '9': 'object', a: 'object', f: 'object', e: 'object', d: 'object', h: 'object', k: 'object', i: 'object', j: 'object',
  'aui-text-delta': 'object', 'aui-reasoning-delta': 'object', 'aui-data': 'object', 'aui-reasoning-part-start': 'object',
};

/** Codes kept as `custom`, under the name of the chunk they stand for. */
const KEPT: Record<string, string> = {
  '2': 'data', '8': 'annotations', 'aui-state': 'update-state', h: 'source', i: 'redacted-reasoning', j: 'reasoning-signature',
};

/**
 * Reads one line of the DataStream protocol (`code:JSON`, the Vercel AI SDK 4 data stream plus
 * assistant-ui's `aui-*` codes) into `run`. Unknown codes are kept as `custom` under the code.
 */
export function readDataStreamLine(line: string, run: AssistantStreamRun, emit: AdapterOutput): void {
  const code = LINE.exec(line)?.[1];
  if (code === undefined) return emit(schemaError(NAME, `a line without a "code:" prefix: ${JSON.stringify(line.slice(0, 80))}`));
  const value = readJson(line.slice(code.length + 1), emit, NAME, code);
  if (value === undefined) return;
  const shape = SHAPES[code];
  if (shape === undefined) return emit(customEvent(code, value));
  const fits = shape === 'string' ? typeof value === 'string' : shape === 'array' ? Array.isArray(value) : isObject(value);
  if (!fits) return emit(schemaError(NAME, `the value of a "${code}:" line is not a JSON ${shape}`, code));
  if (typeof value === 'string') return readText(code, value, run, emit);
  if (Array.isArray(value) || KEPT[code] !== undefined) return emit(customEvent(KEPT[code] ?? code, value));
  readObjectLine(code, value as JsonObject, run, emit);
}

function readText(code: string, text: string, run: AssistantStreamRun, emit: AdapterOutput): void {
  if (code === '0') run.text(text, emit);
  else if (code === 'g') run.reasoning(text, emit);
  else run.error(text, null, emit);
}

function readObjectLine(code: string, value: JsonObject, run: AssistantStreamRun, emit: AdapterOutput): void {
  const need = <K extends string>(...keys: K[]) => requireStrings(value, keys, emit, NAME, code);
  switch (code) {
    case 'b': {
      const f = need('toolCallId', 'toolName');
      return f && run.toolStart(f.toolCallId, f.toolName, emit);
    }
    case 'c': {
      const f = need('toolCallId', 'argsTextDelta');
      if (!f) return;
      run.toolArgs(f.toolCallId, f.argsTextDelta, emit);
      return value.isFinal === true ? run.toolArgsDone(f.toolCallId, emit) : undefined;
    }
    case '9': {
      const f = need('toolCallId', 'toolName');
      return f && run.toolCall(f.toolCallId, f.toolName, value.args, emit);
    }
    case 'a': {
      const f = need('toolCallId');
      return f && run.toolResult(f.toolCallId, value.result, value.isError === true, value.artifact, emit);
    }
    case 'f':
      return run.stepStart(value.messageId, emit);
    case 'e':
      return run.stepFinish(value.usage, emit);
    case 'd':
      return run.messageFinish(value, emit);
    case 'k':
      return run.file(value, emit);
    case 'aui-text-delta': {
      const f = need('textDelta');
      return f && run.text(f.textDelta, emit);
    }
    case 'aui-reasoning-delta': {
      const f = need('reasoningDelta');
      return f && run.reasoning(f.reasoningDelta, emit);
    }
    case 'aui-data':
      return run.dataPart(value, emit);
    case 'aui-reasoning-part-start':
      // Opens a reasoning part: its text follows as reasoning deltas.
      return;
  }
}
