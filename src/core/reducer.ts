import type { AgentAction } from './actions';
import { applyId, isApplied, markApplied } from './applied-ids';
import { Draft } from './draft';
import { AgentStreamError } from './errors';
import type { AgentEvent, UsageData } from './protocol';
import {
  addMessage,
  addTimelineItem,
  closeOpenPart,
  endRun,
  localId,
  ownMessage,
  ownRun,
  recordError,
  startRun,
} from './reducer-run';
import { reduceToolResult, reduceToolUse } from './reducer-tools';
import type { AgentState, Message, RunState, ThinkingBlock, TimelineKind } from './state';
import { addUsage, EMPTY_USAGE, replaceUsage } from './usage';

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
  switch (action.type) {
    case 'client/user-message': {
      const s = d.obj(state);
      addUserMessage(d, s, action.text);
      return s;
    }
    case 'client/run-start': {
      const s = d.obj(state);
      startRun(d, s, 'connecting', at);
      return s;
    }
    case 'client/status': {
      if (state.status === action.status) return state;
      const s = d.obj(state);
      s.status = action.status;
      return s;
    }
    case 'client/error': {
      const s = d.obj(state);
      recordError(d, s, action.error);
      return s;
    }
    case 'client/run-end': {
      const s = d.obj(state);
      endRun(d, s, action.reason, action.error, at);
      return s;
    }
    default:
      return reduceEvent(d, state, action, at);
  }
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
        if (admitted !== null) ownRun(d, admitted);
      } else if (chunk.id !== undefined) {
        // Once one chunk is in, the state and its open run are owned: only the id needs checking.
        if (!applyId(admitted.run as RunState, chunk.id)) continue;
        admitted.lastEventId = chunk.id;
      }
      if (admitted !== null) pieces.push(chunk.data.text);
    }
    if (admitted === null) continue;
    s = admitted;
    appendChunk(d, s, kind === 'token' ? 'text' : 'thinking', pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
  }
  return s;
}

function addUserMessage(d: Draft, s: AgentState, text: string): void {
  if (s.run && !s.run.ended) closeOpenPart(d, s);
  const id = localId(s, 'msg');
  addMessage(d, s, d.own({ id, role: 'user', text, parts: [], status: 'complete', usage: EMPTY_USAGE, startedAt: null, endedAt: null }));
  addTimelineItem(d, s, d.own({ kind: 'text', id: localId(s, 'txt'), messageId: id, start: 0 }));
}

/**
 * The bookkeeping every event shares: `null` for an id already applied in the current run
 * (idempotence: a server replaying from the start and one resuming from Last-Event-ID converge);
 * otherwise the owned state, with a run open, the id recorded and the status `streaming`.
 */
function admit(d: Draft, state: AgentState, event: AgentEvent, at: number | null): AgentState | null {
  if (event.id !== undefined && state.run && isApplied(state.run, event.id)) return null;
  const s = d.obj(state);
  if (!s.run || s.run.ended) startRun(d, s, 'streaming', at);
  if (event.id !== undefined) {
    markApplied(ownRun(d, s), event.id);
    s.lastEventId = event.id;
  }
  if (s.status !== 'streaming') s.status = 'streaming';
  return s;
}

function reduceEvent(d: Draft, state: AgentState, event: AgentEvent, at: number | null): AgentState {
  const s = admit(d, state, event, at);
  if (s === null) return state;
  const run = s.run as RunState;
  switch (event.type) {
    case 'token':
      appendChunk(d, s, 'text', event.data.text);
      break;
    case 'thinking':
      appendChunk(d, s, 'thinking', event.data.text);
      break;
    case 'tool_use':
      closeOpenPart(d, s);
      reduceToolUse(d, s, run, event.data, at);
      break;
    case 'tool_result':
      closeOpenPart(d, s);
      reduceToolResult(d, s, run, event.data, at);
      break;
    case 'turn':
      ownRun(d, s).turn = event.data.turnNumber;
      pushIndexed(d, s, 'turns', 'turn', { turnNumber: event.data.turnNumber, totalTools: event.data.totalTools, messageId: run.messageId });
      break;
    case 'progress':
      // Progress is not a part of the message, so it leaves the open text part open.
      s.progress = event.data;
      break;
    case 'creation':
      pushIndexed(d, s, 'creations', 'creation', { ...event.data, messageId: run.messageId });
      break;
    case 'error':
      pushIndexed(d, s, 'errors', 'error', agentError(event));
      break;
    case 'usage':
      applyRunUsage(d, s, run, event.data);
      break;
    case 'done':
      s.done = event.data;
      applyRunUsage(d, s, run, { totalCostUsd: event.data.totalCostUsd, model: event.data.model });
      endRun(d, s, 'done', undefined, at);
      break;
    case 'custom':
      pushIndexed(d, s, 'custom', 'custom', { type: event.data.type, data: event.data.data, id: event.id ?? null, messageId: run.messageId });
      break;
  }
  return s;
}

/**
 * Appends to the open part of `kind`, or opens a new one (closing the other kind). Text lives only
 * in the message: a token touches the message and nothing else, whatever the history's size.
 */
function appendChunk(d: Draft, s: AgentState, kind: 'text' | 'thinking', chunk: string): void {
  const run = ownRun(d, s);
  const open = run.openPart;
  if (open?.kind !== kind) {
    closeOpenPart(d, s);
    const id = localId(s, kind === 'text' ? 'txt' : 'th');
    if (kind === 'text') {
      const start = (s.messages.byId[run.messageId] as Message).text.length;
      addTimelineItem(d, s, d.own({ kind, id, messageId: run.messageId, start }));
    } else {
      addThinkingBlock(d, s, d.own({ id, text: '', status: 'streaming', messageId: run.messageId }));
      addTimelineItem(d, s, d.own({ kind, id, messageId: run.messageId }));
    }
    run.openPart = { kind, id };
  }
  if (kind === 'text') {
    ownMessage(d, s, run.messageId).text += chunk;
  } else {
    const thinking = (s.thinking = d.obj(s.thinking));
    const byId = (thinking.byId = d.obj(thinking.byId));
    const block = d.obj(byId[(run.openPart as { id: string }).id] as ThinkingBlock);
    block.text += chunk;
    byId[block.id] = block;
  }
}

function addThinkingBlock(d: Draft, s: AgentState, block: ThinkingBlock): void {
  const thinking = (s.thinking = d.obj(s.thinking));
  thinking.ids = d.arr(thinking.ids);
  thinking.ids.push(block.id);
  thinking.byId = d.obj(thinking.byId);
  thinking.byId[block.id] = block;
}

type IndexedSlice = 'turns' | 'creations' | 'errors' | 'custom';

/** Appends to an array slice and puts a timeline item pointing at it. */
function pushIndexed<K extends IndexedSlice>(d: Draft, s: AgentState, slice: K, kind: TimelineKind, value: AgentState[K][number]): void {
  closeOpenPart(d, s);
  const list = d.arr(s[slice] as readonly AgentState[K][number][]);
  list.push(value);
  (s as Record<K, unknown>)[slice] = list;
  const run = s.run as RunState;
  addTimelineItem(d, s, d.own({ kind, id: localId(s, kind), messageId: run.messageId, index: list.length - 1 }));
}

function agentError(event: Extract<AgentEvent, { type: 'error' }>): AgentStreamError {
  const { errorType, message, details } = event.data;
  return new AgentStreamError('agent', message, {
    errorType,
    details,
    eventType: 'error',
    ...(event.id === undefined ? {} : { eventId: event.id }),
  });
}

/** Cumulative usage replaces the run's figures; the totals are earlier runs plus this one. */
function applyRunUsage(d: Draft, s: AgentState, run: RunState, update: Partial<UsageData>): void {
  const message = ownMessage(d, s, run.messageId);
  message.usage = replaceUsage(message.usage, {
    inputTokens: update.inputTokens ?? null,
    outputTokens: update.outputTokens ?? null,
    totalCostUsd: update.totalCostUsd ?? null,
    model: update.model ?? null,
  });
  s.usage = addUsage(run.usageBefore, message.usage);
}
