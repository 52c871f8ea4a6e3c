import type { RunEndReason } from './actions';
import { NO_APPLIED_IDS } from './applied-ids';
import type { Draft } from './draft';
import type { AgentStreamError } from './errors';
import type { AgentState, AgentStatus, Entities, Message, MessageStatus, RunState, TimelineItem, ToolCallStatus } from './state';
import { EMPTY_USAGE } from './usage';

/** The normalised slices of the state. */
type EntitySlice = 'messages' | 'toolCalls' | 'thinking';
type EntityOf<K extends EntitySlice> = AgentState[K]['byId'][string];

/** True for a tool call whose work is under way (`streaming-args` or `running`): its time still grows. */
export const isToolCallLive = (status: ToolCallStatus): boolean => status === 'running' || status === 'streaming-args';

/** True once a tool call has its outcome (`done`, `error`, `denied` or `interrupted`). */
export const isToolCallSettled = (status: ToolCallStatus): boolean => !isToolCallLive(status) && status !== 'ready';

/** A new local id such as `msg_3`; `s` must be owned by the draft. */
export function localId(s: AgentState, prefix: string): string {
  return `${prefix}_${s.nextLocalId++}`;
}

/** A writable copy of the run; `s` must be owned and have a run. */
export function ownRun(d: Draft, s: AgentState): RunState {
  return (s.run = d.obj(s.run as RunState));
}

/** Stores `entity` in the owned state `s` under its id, appending the id when `isNew`. */
export function putEntity<K extends EntitySlice>(d: Draft, s: AgentState, slice: K, entity: EntityOf<K>, isNew?: boolean): EntityOf<K> {
  const entities = (s[slice] = d.obj(s[slice])) as Entities<EntityOf<K>>;
  if (isNew) (entities.ids = d.arr(entities.ids)).push(entity.id);
  (entities.byId = d.obj(entities.byId))[entity.id] = entity;
  return entity;
}

/** A writable copy of the entity `id` inside the owned state `s`. */
export function ownEntity<K extends EntitySlice>(d: Draft, s: AgentState, slice: K, id: string): EntityOf<K> {
  return putEntity(d, s, slice, d.obj(s[slice].byId[id] as EntityOf<K>));
}

/** Appends a part to the global timeline and to its message's parts. */
export function addTimelineItem(d: Draft, s: AgentState, item: TimelineItem): void {
  (s.timeline = d.arr(s.timeline)).push(item);
  const message = ownEntity(d, s, 'messages', item.messageId);
  (message.parts = d.arr(message.parts)).push(item);
}

/** Closes the run's open text or thinking part, so the next chunk starts a new part. */
export function closeOpenPart(d: Draft, s: AgentState): void {
  const open = s.run?.openPart;
  if (!open) return;
  if (open.kind === 'thinking' && s.thinking.byId[open.id]) ownEntity(d, s, 'thinking', open.id).status = 'complete';
  ownRun(d, s).openPart = null;
}

/** A new message of `role` (`startedAt` set for an assistant's), added to the owned state `s`. */
export function addMessage(d: Draft, s: AgentState, role: Message['role'], text: string, at: number | null): Message {
  const assistant = role === 'assistant';
  const message: Message = {
    id: localId(s, 'msg'),
    role,
    text,
    parts: [],
    status: assistant ? 'streaming' : 'complete',
    usage: EMPTY_USAGE,
    startedAt: assistant ? at : null,
    endedAt: null,
  };
  return putEntity(d, s, 'messages', d.own(message), true);
}

/** Opens a run with a new, empty assistant message. Any run still open is ended as `aborted`. */
export function startRun(d: Draft, s: AgentState, status: AgentStatus, at: number | null): void {
  if (s.run && !s.run.ended) endRun(d, s, 'aborted', undefined, at);
  s.run = d.own({
    messageId: addMessage(d, s, 'assistant', '', at).id,
    openPart: null,
    ended: false,
    maxSeq: -1,
    applied: NO_APPLIED_IDS,
    usageBefore: s.usage,
    turn: null,
  });
  s.status = status;
  s.progress = s.done = null;
}

// How each end reason leaves the message, then the status.
const ENDS: Record<RunEndReason, [MessageStatus, AgentStatus]> = {
  done: ['complete', 'done'],
  error: ['error', 'error'],
  interrupted: ['interrupted', 'error'],
  aborted: ['interrupted', 'aborted'],
};

/** Appends a client-side error (not part of the timeline). */
export function recordError(d: Draft, s: AgentState, error: AgentStreamError): void {
  (s.errors = d.arr(s.errors)).push(error);
}

/**
 * Ends the open run: the message settles, calls still working become `interrupted` (a `ready`
 * call stays `ready`: it is the client's to run), and the status follows the reason.
 */
export function endRun(d: Draft, s: AgentState, reason: RunEndReason, error: AgentStreamError | undefined, at: number | null): void {
  if (error) recordError(d, s, error);
  const [messageStatus, status] = ENDS[reason];
  s.status = status;
  const run = s.run;
  if (!run || run.ended) return;
  closeOpenPart(d, s);
  ownRun(d, s).ended = true;
  const message = ownEntity(d, s, 'messages', run.messageId);
  message.status = messageStatus;
  message.endedAt = at;
  for (const part of message.parts) {
    const call = part.kind === 'tool' ? s.toolCalls.byId[part.id] : undefined;
    if (call && isToolCallLive(call.status)) putEntity(d, s, 'toolCalls', { ...call, status: 'interrupted', endedAt: at });
  }
}
