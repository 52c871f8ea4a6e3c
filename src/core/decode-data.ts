import { copyExtras, FieldReader, isWireObject, knownKeys, type WireObject } from './decode-fields';
import type {
  CreationData,
  DoneData,
  ErrorData,
  ProgressData,
  SubProgress,
  ToolResultData,
  ToolUseData,
  TurnData,
  UsageData,
} from './protocol';

/** Why a frame's data cannot become an event: a required field is missing or unusable. */
export class InvalidData {
  /** @param detail What is wrong, naming the field. */
  constructor(readonly detail: string) {}
}

// Fields map explicitly per type, so a frame costs one object and no generic key conversion.
const TOOL_USE_KEYS = knownKeys('tool_name', 'tool_use_id', 'input_summary', 'status');
const TOOL_RESULT_KEYS = knownKeys('tool_name', 'tool_use_id', 'output_summary', 'duration_ms', 'status');
const TURN_KEYS = knownKeys('turn_number', 'total_tools');
const PROGRESS_KEYS = knownKeys('step', 'percentage', 'message', 'sub_progress');
const SUB_PROGRESS_KEYS = knownKeys('current', 'total', 'item_title');
const CREATION_KEYS = knownKeys('creation_type', 'count', 'tool_use_id', 'items');
const ERROR_KEYS = knownKeys('error_type', 'message', 'details');
const DONE_KEYS = knownKeys('message_id', 'num_turns', 'tool_count', 'duration_ms', 'model', 'total_cost_usd');
const USAGE_KEYS = knownKeys('input_tokens', 'output_tokens', 'total_cost_usd', 'model');

function toolUseId(read: FieldReader): string | InvalidData {
  const id = read.raw('tool_use_id', 'toolUseId');
  return typeof id === 'string' && id !== ''
    ? id
    : new InvalidData('field "tool_use_id" must be a non-empty string');
}

/** `tool_use` data; `tool_use_id` is required. */
export function toolUseData(read: FieldReader, obj: WireObject): ToolUseData | InvalidData {
  const id = toolUseId(read);
  if (id instanceof InvalidData) return id;
  const status = read.raw('status', 'status');
  if (status !== undefined && status !== 'running') {
    read.warn(`field "status" must be "running", got ${JSON.stringify(status)}; using "running"`);
  }
  const data: ToolUseData = {
    toolName: read.string('tool_name', 'toolName', ''),
    toolUseId: id,
    inputSummary: read.string('input_summary', 'inputSummary', ''),
    status: 'running',
  };
  copyExtras(obj, data, TOOL_USE_KEYS);
  return data;
}

/** `tool_result` data; `tool_use_id` is required, any status but `"error"` reads as `"done"`. */
export function toolResultData(read: FieldReader, obj: WireObject): ToolResultData | InvalidData {
  const id = toolUseId(read);
  if (id instanceof InvalidData) return id;
  const status = read.raw('status', 'status');
  if (status !== undefined && status !== 'done' && status !== 'error') {
    read.warn(`field "status" must be "done" or "error", got ${JSON.stringify(status)}; using "done"`);
  }
  const data: ToolResultData = {
    toolName: read.string('tool_name', 'toolName', ''),
    toolUseId: id,
    outputSummary: read.string('output_summary', 'outputSummary', ''),
    durationMs: read.number('duration_ms', 'durationMs', 0),
    status: status === 'error' ? 'error' : 'done',
  };
  copyExtras(obj, data, TOOL_RESULT_KEYS);
  return data;
}

/** `turn` data; a missing `turn_number` (no Python default) reads as `null`. */
export function turnData(read: FieldReader, obj: WireObject): TurnData {
  const data: TurnData = {
    turnNumber: read.number('turn_number', 'turnNumber', null),
    totalTools: read.number('total_tools', 'totalTools', 0),
  };
  copyExtras(obj, data, TURN_KEYS);
  return data;
}

/** `progress` data; `subProgress` is present only when the frame carried an object. */
export function progressData(read: FieldReader, obj: WireObject): ProgressData {
  const data: ProgressData = {
    step: read.string('step', 'step', ''),
    percentage: read.number('percentage', 'percentage', null),
    message: read.string('message', 'message', ''),
  };
  const sub = read.raw('sub_progress', 'subProgress');
  if (isWireObject(sub)) {
    data.subProgress = subProgressData(read, sub);
  } else if (sub !== undefined && sub !== null) {
    read.wrongType('sub_progress', 'an object', sub, 'ignored');
  }
  copyExtras(obj, data, PROGRESS_KEYS);
  return data;
}

function subProgressData(parent: FieldReader, obj: WireObject): SubProgress {
  const sub: SubProgress = {};
  const read = parent.nested(obj, 'sub_progress.');
  if (read.raw('current', 'current') !== undefined) sub.current = read.number('current', 'current', null);
  if (read.raw('total', 'total') !== undefined) sub.total = read.number('total', 'total', null);
  const title = read.raw('item_title', 'itemTitle');
  if (title !== undefined) {
    if (typeof title === 'string') sub.itemTitle = title;
    else read.wrongType('item_title', 'a string', title, 'ignored');
  }
  copyExtras(obj, sub, SUB_PROGRESS_KEYS);
  return sub;
}

/** `creation` data; `items` are kept exactly as sent. */
export function creationData(read: FieldReader, obj: WireObject): CreationData {
  const data: CreationData = {
    creationType: read.string('creation_type', 'creationType', ''),
    count: read.number('count', 'count', null),
    toolUseId: read.string('tool_use_id', 'toolUseId', ''),
    items: read.array('items', 'items'),
  };
  copyExtras(obj, data, CREATION_KEYS);
  return data;
}

/** `error` data; `details` is kept exactly as sent. */
export function errorData(read: FieldReader, obj: WireObject): ErrorData {
  const data: ErrorData = {
    errorType: read.string('error_type', 'errorType', ''),
    message: read.string('message', 'message', ''),
    details: read.object('details', 'details'),
  };
  copyExtras(obj, data, ERROR_KEYS);
  return data;
}

/** `done` data, with the Python reference's defaults for absent fields. */
export function doneData(read: FieldReader, obj: WireObject): DoneData {
  const data: DoneData = {
    messageId: read.string('message_id', 'messageId', ''),
    numTurns: read.number('num_turns', 'numTurns', 0),
    toolCount: read.number('tool_count', 'toolCount', 0),
    durationMs: read.number('duration_ms', 'durationMs', 0),
    model: read.string('model', 'model', ''),
    totalCostUsd: read.number('total_cost_usd', 'totalCostUsd', 0),
  };
  copyExtras(obj, data, DONE_KEYS);
  return data;
}

/** `usage` data (extension): a figure the frame does not carry is `null`, never a made-up 0. */
export function usageData(read: FieldReader, obj: WireObject): UsageData {
  const data: UsageData = {
    inputTokens: read.number('input_tokens', 'inputTokens', null),
    outputTokens: read.number('output_tokens', 'outputTokens', null),
    totalCostUsd: read.number('total_cost_usd', 'totalCostUsd', null),
    model: read.nullableString('model', 'model'),
  };
  copyExtras(obj, data, USAGE_KEYS);
  return data;
}
