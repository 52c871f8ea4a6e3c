import type { AgentAction } from './actions';
import { addAppliedId, hasAppliedId } from './applied-ids';
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
import type { AgentState, RunState, TimelineKind } from './state';
import { addUsage, EMPTY_USAGE, replaceUsage } from './usage';

/** The empty state: no messages, status `idle`. */
export function initialAgentState(): AgentState {
  return {
    status: 'idle',
    messages: { ids: [], byId: {} },
    texts: { ids: [], byId: {} },
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

function addUserMessage(d: Draft, s: AgentState, text: string): void {
  if (s.run && !s.run.ended) closeOpenPart(d, s);
  const id = localId(s, 'msg');
  addMessage(d, s, d.own({ id, role: 'user', text, parts: [], status: 'complete', usage: EMPTY_USAGE, startedAt: null, endedAt: null }));
  const partId = localId(s, 'txt');
  addEntity(d, s, 'texts', { id: partId, text, status: 'complete', messageId: id });
  addTimelineItem(d, s, d.own({ kind: 'text', id: partId, messageId: id }));
}

function addEntity<K extends 'texts' | 'thinking'>(d: Draft, s: AgentState, slice: K, entity: AgentState[K]['byId'][string]): void {
  const entities = (s[slice] = d.obj(s[slice]));
  entities.ids = d.arr(entities.ids);
  entities.ids.push(entity.id);
  entities.byId = d.obj(entities.byId);
  (entities.byId as Record<string, typeof entity>)[entity.id] = entity;
}

function reduceEvent(d: Draft, state: AgentState, event: AgentEvent, at: number | null): AgentState {
  // Idempotence: a server replaying from the start and one resuming from Last-Event-ID converge.
  if (event.id !== undefined && state.run && hasAppliedId(state.run.applied, event.id)) return state;
  const s = d.obj(state);
  if (!s.run || s.run.ended) startRun(d, s, 'streaming', at);
  if (event.id !== undefined) {
    const run = ownRun(d, s);
    run.applied = addAppliedId(run.applied, event.id);
    s.lastEventId = event.id;
  }
  if (s.status !== 'streaming') s.status = 'streaming';
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

/** Appends to the open part of `kind`, or opens a new one (closing the other kind). */
function appendChunk(d: Draft, s: AgentState, kind: 'text' | 'thinking', chunk: string): void {
  const run = ownRun(d, s);
  const slice = kind === 'text' ? 'texts' : 'thinking';
  if (run.openPart?.kind === kind) {
    const entities = (s[slice] = d.obj(s[slice]));
    const byId = (entities.byId = d.obj(entities.byId));
    const part = d.obj(byId[run.openPart.id] as NonNullable<(typeof byId)[string]>);
    part.text += chunk;
    byId[part.id] = part;
  } else {
    closeOpenPart(d, s);
    const id = localId(s, kind === 'text' ? 'txt' : 'th');
    addEntity(d, s, slice, d.own({ id, text: chunk, status: 'streaming', messageId: run.messageId }));
    addTimelineItem(d, s, d.own({ kind, id, messageId: run.messageId }));
    run.openPart = { kind, id };
  }
  if (kind === 'text') ownMessage(d, s, run.messageId).text += chunk;
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
