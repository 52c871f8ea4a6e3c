import type { AgentAction } from './actions';
import { Draft } from './draft';
import { initialAgentState, reduceBatchWithDraft, reduceWithDraft } from './reducer';
import type { AgentState } from './state';
import { schedulePublish, type PublishInterval } from './scheduler';

/** Options of {@link createAgentStore}. */
export interface AgentStoreOptions {
  /**
   * How often subscribers hear of changes: `0` after every dispatch, a number of milliseconds, or
   * `'frame'` for one animation frame. Status changes, errors, `done` and run ends publish at once.
   * A throttled store with a very large state publishes less often, so that sealing snapshots never
   * takes more than about 5% of the time.
   * @default 0
   */
  throttleMs?: PublishInterval;
  /** The clock stamped on tool calls and messages (ms). @default Date.now */
  now?: () => number;
  /** The state to start from. @default initialAgentState() */
  initialState?: AgentState;
}

/** A store of one conversation's normalised state, compatible with `useSyncExternalStore`. */
export interface AgentStore {
  /** The published snapshot: immutable, and the same object until the next publish. */
  getSnapshot(): AgentState;
  /** Calls `listener` after each publish; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Reduces one action, or a batch of actions published together. */
  dispatch(action: AgentAction | readonly AgentAction[]): void;
  /** Publishes pending changes now. */
  flush(): void;
  /** Back to the empty state, published at once. */
  reset(): void;
}

/**
 * Sealing a snapshot costs the copies the next writes make (O(entities) for a `byId` record), so a
 * throttled store spaces its publishes to keep that under 1/SEAL_BUDGET of the time: a huge
 * conversation publishes a little less often rather than slowing down quadratically.
 */
const SEAL_BUDGET = 20;

/**
 * Creates a store. Between two publishes the store owns what it changed and appends in place, so a
 * burst of tokens costs O(tokens); each publish seals the snapshot subscribers see.
 *
 * @example
 * const store = createAgentStore();
 * store.dispatch({ type: 'token', data: { text: 'Hello' } });
 * store.getSnapshot().messages;
 */
export function createAgentStore(options: AgentStoreOptions = {}): AgentStore {
  const { now = Date.now, throttleMs = 0 } = options;
  const listeners = new Set<() => void>();
  let published = options.initialState ?? initialAgentState();
  let current = published;
  let draft = new Draft();
  let spacingMs = 0;
  let cancelPending: (() => void) | null = null;

  const publish = (): void => {
    cancelPending?.();
    cancelPending = null;
    if (current === published) return;
    published = current;
    spacingMs = draft.copyMs * SEAL_BUDGET;
    draft = new Draft();
    for (const listener of [...listeners]) listener();
  };

  return {
    getSnapshot: () => published,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      const at = now();
      current = Array.isArray(action)
        ? reduceBatchWithDraft(draft, current, action as readonly AgentAction[], at)
        : reduceWithDraft(draft, current, action as AgentAction, at);
      if (current === published) return;
      // Status changes, errors and the end of a run are never delayed.
      if (!throttleMs || current.status !== published.status || current.errors !== published.errors || current.done !== published.done) publish();
      else cancelPending ??= schedulePublish(throttleMs, spacingMs, publish);
    },
    flush: publish,
    reset() {
      current = initialAgentState();
      publish();
    },
  };
}
