import type { RunEndReason } from './actions';
import { NO_APPLIED_IDS } from './applied-ids';
import type { Draft } from './draft';
import type { AgentStreamError } from './errors';
import type { AgentState, AgentStatus, Message, MessageStatus, RunState, TimelineItem, ToolCall } from './state';
import { EMPTY_USAGE } from './usage';

/** A new local id such as `msg_3`; `s` must be owned by the draft. */
export function localId(s: AgentState, prefix: string): string {
  return `${prefix}_${s.nextLocalId++}`;
}

/** A writable copy of the run; `s` must be owned and have a run. */
export function ownRun(d: Draft, s: AgentState): RunState {
  const run = d.obj(s.run as RunState);
  s.run = run;
  return run;
}

/** A writable copy of the message `id` inside the owned state `s`. */
export function ownMessage(d: Draft, s: AgentState, id: string): Message {
  const messages = (s.messages = d.obj(s.messages));
  const byId = (messages.byId = d.obj(messages.byId));
  const message = d.obj(byId[id] as Message);
  byId[id] = message;
  return message;
}

/** Adds `message` to the owned state `s`. */
export function addMessage(d: Draft, s: AgentState, message: Message): void {
  const messages = (s.messages = d.obj(s.messages));
  messages.ids = d.arr(messages.ids);
  messages.ids.push(message.id);
  messages.byId = d.obj(messages.byId);
  messages.byId[message.id] = message;
}

/** Appends a part to the global timeline and to its message's parts. */
export function addTimelineItem(d: Draft, s: AgentState, item: TimelineItem): void {
  s.timeline = d.arr(s.timeline);
  s.timeline.push(item);
  const message = ownMessage(d, s, item.messageId);
  message.parts = d.arr(message.parts);
  message.parts.push(item);
}

/** Closes the run's open text or thinking part, so the next chunk starts a new part. */
export function closeOpenPart(d: Draft, s: AgentState): void {
  const open = s.run?.openPart;
  if (!open) return;
  if (open.kind === 'thinking') {
    const thinking = (s.thinking = d.obj(s.thinking));
    thinking.byId = d.obj(thinking.byId);
    const block = thinking.byId[open.id];
    if (block) thinking.byId[open.id] = { ...block, status: 'complete' };
  }
  ownRun(d, s).openPart = null;
}

/** Opens a run with a new, empty assistant message. Any run still open is ended as `aborted`. */
export function startRun(d: Draft, s: AgentState, status: AgentStatus, at: number | null): void {
  if (s.run && !s.run.ended) endRun(d, s, 'aborted', undefined, at);
  const message: Message = d.own({
    id: localId(s, 'msg'),
    role: 'assistant',
    text: '',
    parts: [],
    status: 'streaming',
    usage: EMPTY_USAGE,
    startedAt: at,
    endedAt: null,
  });
  addMessage(d, s, message);
  s.run = d.own({
    messageId: message.id,
    openPart: null,
    ended: false,
    maxSeq: -1,
    applied: NO_APPLIED_IDS,
    usageBefore: s.usage,
    turn: null,
  });
  s.status = status;
  s.progress = null;
  s.done = null;
}

const MESSAGE_STATUS: Record<RunEndReason, MessageStatus> = {
  done: 'complete',
  error: 'error',
  interrupted: 'interrupted',
  aborted: 'interrupted',
};

const RUN_STATUS: Record<RunEndReason, AgentStatus> = {
  done: 'done',
  error: 'error',
  interrupted: 'error',
  aborted: 'aborted',
};

/** Appends a client-side error (not part of the timeline). */
export function recordError(d: Draft, s: AgentState, error: AgentStreamError): void {
  s.errors = d.arr(s.errors);
  s.errors.push(error);
}

/**
 * Ends the open run: the message settles, calls still working become `interrupted` (a `ready`
 * call stays `ready`: it is the client's to run), and the status follows the reason.
 */
export function endRun(
  d: Draft,
  s: AgentState,
  reason: RunEndReason,
  error: AgentStreamError | undefined,
  at: number | null,
): void {
  if (error) recordError(d, s, error);
  s.status = RUN_STATUS[reason];
  const run = s.run;
  if (!run || run.ended) return;
  closeOpenPart(d, s);
  ownRun(d, s).ended = true;
  const message = ownMessage(d, s, run.messageId);
  message.status = MESSAGE_STATUS[reason];
  message.endedAt = at;
  for (const part of message.parts) {
    if (part.kind !== 'tool') continue;
    const call = s.toolCalls.byId[part.id];
    if (call && (call.status === 'running' || call.status === 'streaming-args')) {
      settleToolCall(d, s, { ...call, status: 'interrupted', endedAt: at });
    }
  }
}

/** Stores `call` in the owned state `s`, replacing the call with the same id. */
export function settleToolCall(d: Draft, s: AgentState, call: ToolCall): void {
  const toolCalls = (s.toolCalls = d.obj(s.toolCalls));
  toolCalls.byId = d.obj(toolCalls.byId);
  toolCalls.byId[call.id] = call;
}
