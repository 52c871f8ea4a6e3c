import type { AgentAction } from './actions';
import { applyId, isApplied } from './applied-ids';
import { Draft } from './draft';
import { AgentStreamError } from './errors';
import type { AgentEvent, UsageData } from './protocol';
import { addMessage, addTimelineItem, closeOpenPart, endRun, localId, ownEntity, ownRun, putEntity, recordError, startRun } from './reducer-run';
import { reduceToolArgs, reduceToolResult, reduceToolUse } from './reducer-tools';
import type { AgentState, RunState, TimelineKind } from './state';
import { addUsage, EMPTY_USAGE } from './usage';

/** The empty state: no messages, status `idle`. */
export function initialAgentState(): AgentState {
  return {
    status: 'idle',
    messages: { ids: [], byId: {} },
    toolCalls: { ids: [], byId: {} },
    thinking: { ids: [], byId: {} },
    timeline: [],
    turns: [],
    progress: null,
    creations: [],
    errors: [],
    usage: EMPTY_USAGE,
    done: null,
    custom: [],
    lastEventId: null,
    run: null,
    nextLocalId: 1,
  };
}

/** Facts about an action that are not part of it. */
export interface ReduceMeta {
  /** Client clock (ms) when the action arrived; timestamps stay `null` without it. */
  receivedAt?: number;
}

/**
 * The pure reducer behind the store: returns a new state that shares every slice the action did
 * not touch, or `state` itself when the action changes nothing (a replayed event id).
 */
export function reduceAgentEvent(state: AgentState, action: AgentAction, meta?: ReduceMeta): AgentState {
  return reduceWithDraft(new Draft(), state, action, meta?.receivedAt ?? null);
}

/**
 * {@link reduceAgentEvent} under a caller's {@link Draft}: objects the draft owns are written in
 * place. The store uses one draft per published snapshot.
 */
export function reduceWithDraft(d: Draft, state: AgentState, action: AgentAction, at: number | null): AgentState {
  if (!action.type.startsWith('client/')) return reduceEvent(d, state, action as AgentEvent, at);
  if (action.type === 'client/status' && state.status === action.status) return state;
  const s = d.obj(state);
  switch (action.type) {
    case 'client/user-message':
      closeOpenPart(d, s);
      addTimelineItem(d, s, { kind: 'text', id: localId(s, 'txt'), messageId: addMessage(d, s, 'user', action.text, at).id, start: 0 });
      break;
    case 'client/run-start':
      startRun(d, s, 'connecting', at);
      break;
    case 'client/status':
      s.status = action.status;
      break;
    case 'client/error':
      recordError(d, s, action.error);
      break;
    case 'client/run-end':
      endRun(d, s, action.reason, action.error, at);
  }
  return s;
}

/**
 * Reduces a batch under one draft, as {@link reduceWithDraft} would one by one. A run of
 * consecutive `token` (or `thinking`) events is admitted event by event but its text is appended
 * once: a network chunk of tokens costs one append, not one per token.
 */
export function reduceBatchWithDraft(d: Draft, state: AgentState, actions: readonly AgentAction[], at: number | null): AgentState {
  let s = state;
  for (let i = 0; i < actions.length; ) {
    const action = actions[i] as AgentAction;
    if (action.type !== 'token' && action.type !== 'thinking') {
      s = reduceWithDraft(d, s, action, at);
      i++;
      continue;
    }
    const kind = action.type;
    // Joined once: the per-token strings then die young instead of living on inside a rope.
    const pieces: string[] = [];
    let admitted: AgentState | null = null;
    for (; i < actions.length && actions[i]!.type === kind; i++) {
      const chunk = actions[i] as Extract<AgentEvent, { type: 'token' | 'thinking' }>;
      if (admitted === null) {
        admitted = admit(d, s, chunk, at);
      } else if (chunk.id !== undefined) {
        // Once one chunk is in, the state and its open run are owned: only the id needs checking.
        if (!applyId(admitted.run as RunState, chunk.id)) continue;
        admitted.lastEventId = chunk.id;
      }
      if (admitted !== null) pieces.push(chunk.data.text);
    }
    if (admitted === null) continue;
    s = admitted;
    appendChunk(d, s, kind, pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
  }
  return s;
}

/**
 * The bookkeeping every event shares: `null` for an id already applied in the current run
 * (idempotence: a server replaying from the start and one resuming from Last-Event-ID converge);
 * otherwise the owned state, with its run owned and open, the id recorded and the status `streaming`.
 */
function admit(d: Draft, state: AgentState, event: AgentEvent, at: number | null): AgentState | null {
  const { id } = event;
  if (id !== undefined && state.run && isApplied(state.run, id)) return null;
  const s = d.obj(state);
  if (!s.run || s.run.ended) startRun(d, s, 'streaming', at);
  const run = ownRun(d, s);
  if (id !== undefined) {
    applyId(run, id);
    s.lastEventId = id;
  }
  s.status = 'streaming';
  return s;
}

function reduceEvent(d: Draft, state: AgentState, event: AgentEvent, at: number | null): AgentState {
  const s = admit(d, state, event, at);
  if (s === null) return state;
  const run = s.run as RunState;
  const { messageId } = run;
  switch (event.type) {
    case 'token':
    case 'thinking':
      appendChunk(d, s, event.type, event.data.text);
      break;
    case 'tool_use':
      closeOpenPart(d, s);
      reduceToolUse(d, s, run, event.data, at);
      break;
    case 'tool_result':
      closeOpenPart(d, s);
      reduceToolResult(d, s, run, event.data, at);
      break;
    case 'tool_args':
      closeOpenPart(d, s);
      reduceToolArgs(d, s, run, event.data, at);
      break;
    case 'turn': {
      const { turnNumber, totalTools } = event.data;
      run.turn = turnNumber;
      pushIndexed(d, s, 'turns', 'turn', { turnNumber, totalTools, messageId });
      break;
    }
    case 'progress':
      // Progress is not a part of the message, so it leaves the open text part open.
      s.progress = event.data;
      break;
    case 'creation':
      pushIndexed(d, s, 'creations', 'creation', { ...event.data, messageId });
      break;
    case 'error': {
      const { errorType, message, details } = event.data;
      pushIndexed(d, s, 'errors', 'error', new AgentStreamError('agent', message, { errorType, details, eventType: 'error', eventId: event.id }));
      // A protocol's terminal error (adapters) ends the run; the native `error` does not.
      if (event.data.terminal === true) endRun(d, s, 'error', undefined, at);
      break;
    }
    case 'usage':
      applyRunUsage(d, s, run, event.data);
      break;
    case 'done':
      s.done = event.data;
      applyRunUsage(d, s, run, { totalCostUsd: event.data.totalCostUsd, model: event.data.model });
      endRun(d, s, 'done', undefined, at);
      break;
    case 'custom':
      pushIndexed(d, s, 'custom', 'custom', { type: event.data.type, data: event.data.data, id: event.id ?? null, messageId });
  }
  return s;
}

/**
 * Appends to the open part of `kind`, or opens a new one (closing the other kind). Text lives only
 * in the message: a token touches the message and nothing else, whatever the history's size.
 */
function appendChunk(d: Draft, s: AgentState, type: 'token' | 'thinking', chunk: string): void {
  const run = s.run as RunState;
  const { messageId } = run;
  const isText = type === 'token';
  const kind = isText ? 'text' : 'thinking';
  if (run.openPart?.kind !== kind) {
    closeOpenPart(d, s);
    const id = localId(s, isText ? 'txt' : 'th');
    if (!isText) putEntity(d, s, 'thinking', d.own({ id, text: '', status: 'streaming', messageId }), true);
    addTimelineItem(d, s, isText ? { kind, id, messageId, start: s.messages.byId[messageId]!.text.length } : { kind, id, messageId });
    run.openPart = { kind, id };
  }
  ownEntity(d, s, isText ? 'messages' : 'thinking', isText ? messageId : run.openPart!.id).text += chunk;
}

type IndexedSlice = 'turns' | 'creations' | 'errors' | 'custom';

/** Appends to an array slice and puts a timeline item pointing at it. */
function pushIndexed<K extends IndexedSlice>(d: Draft, s: AgentState, slice: K, kind: TimelineKind, value: AgentState[K][number]): void {
  closeOpenPart(d, s);
  const list = d.arr(s[slice] as readonly AgentState[K][number][]);
  (s as Record<K, unknown>)[slice] = list;
  const index = list.push(value) - 1;
  addTimelineItem(d, s, { kind, id: localId(s, kind), messageId: (s.run as RunState).messageId, index });
}

/**
 * Cumulative usage replaces the run's figures, per-step usage (`mode: 'add'`) adds to them; the
 * totals are earlier runs plus this one.
 */
function applyRunUsage(d: Draft, s: AgentState, run: RunState, update: Partial<UsageData>): void {
  const message = ownEntity(d, s, 'messages', run.messageId);
  const current = message.usage;
  const next = {
    inputTokens: update.inputTokens ?? null,
    outputTokens: update.outputTokens ?? null,
    totalCostUsd: update.totalCostUsd ?? null,
    model: update.model || null,
  };
  if (update.mode === 'add') {
    message.usage = addUsage(current, next);
  } else {
    message.usage = {
      inputTokens: next.inputTokens ?? current.inputTokens,
      outputTokens: next.outputTokens ?? current.outputTokens,
      totalCostUsd: next.totalCostUsd ?? current.totalCostUsd,
      model: next.model ?? current.model,
    };
  }
  s.usage = addUsage(run.usageBefore, message.usage);
}
