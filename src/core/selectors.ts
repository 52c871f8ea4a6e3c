import type { AgentState, Entities, Message, Progress, ThinkingBlock, TimelineItem, ToolCall, Usage } from './state';
import type { AgentStreamError } from './errors';

/** Memoises `entities → ordered array` per slice object: the same slice gives the same array. */
function orderedSelector<T>(pick: (state: AgentState) => Entities<T>): (state: AgentState) => T[] {
  const cache = new WeakMap<Entities<T>, T[]>();
  return (state) => {
    const slice = pick(state);
    let list = cache.get(slice);
    if (!list) {
      list = slice.ids.map((id) => slice.byId[id] as T);
      cache.set(slice, list);
    }
    return list;
  };
}

/** All messages, user and assistant, in order. */
export const selectMessages: (state: AgentState) => Message[] = /* @__PURE__ */ orderedSelector((s) => s.messages);
/** All tool calls in the order they began. */
export const selectToolCalls: (state: AgentState) => ToolCall[] = /* @__PURE__ */ orderedSelector((s) => s.toolCalls);
/** All thinking blocks in order. */
export const selectThinking: (state: AgentState) => ThinkingBlock[] = /* @__PURE__ */ orderedSelector((s) => s.thinking);
/** Every part of every message in arrival order. */
export const selectTimeline = (state: AgentState): TimelineItem[] => state.timeline;
/** The latest progress, or `null`. */
export const selectProgress = (state: AgentState): Progress | null => state.progress;
/** Token and cost totals over all runs. */
export const selectUsage = (state: AgentState): Usage => state.usage;
/** Agent and client errors in order. */
export const selectErrors = (state: AgentState): AgentStreamError[] => state.errors;

/**
 * The text of the text part at `message.parts[index]`: the message's text from the part's start to
 * the next text part's start (`''` for a part that is not text).
 *
 * @example
 * message.parts.map((part, i) => (part.kind === 'text' ? textOfPart(message, i) : null));
 */
export function textOfPart(message: Message, index: number): string {
  const part = message.parts[index];
  if (part?.kind !== 'text' || part.start === undefined) return '';
  for (let i = index + 1; i < message.parts.length; i++) {
    const next = message.parts[i] as TimelineItem;
    if (next.kind === 'text' && next.start !== undefined) return message.text.slice(part.start, next.start);
  }
  return message.text.slice(part.start);
}
