import {
  forwardRef,
  Fragment,
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { selectMessages, textOfPart } from '../../core/selectors';
import type { AgentState, Entities, Message, TimelineItem } from '../../core/state';
import { AgentStreamProvider, useAgentStreamHandle, useAgentStreamStore, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';
import { MessageContext } from './message-text';

/** Renders one part of a message; return `undefined` to get the default markup, `null` for nothing. */
export type RenderMessagePart = (part: TimelineItem, message: Message, index: number) => ReactNode | undefined;

/** Props of {@link MessageList}. */
export interface MessageListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The stream to read; defaults to the nearest `AgentStreamProvider`'s. */
  stream?: AgentStreamHandle;
  /**
   * Renders the content of each message's `<article>` yourself (e.g. with `MessageText`). Keep it
   * stable (module-level or `useCallback`): a new function re-renders every message.
   * @default the message's parts, each through `renderPart`
   */
  children?: (message: Message) => ReactNode;
  /**
   * Renders one part (text, thinking, tool, error, creation, turn or custom), e.g. to plug in
   * `ToolCall.Root` for tool parts; keep it stable, like `children`.
   * @default text as text, a name and a status word for thinking and tool parts, the message of an error, `<hr>` for a turn, nothing for a custom event
   */
  renderPart?: RenderMessagePart;
  /** The accessible name of each message's `<article>`, per role. @default { user: 'You', assistant: 'Assistant' } */
  roleLabels?: { user: string; assistant: string };
}

type Store = ReturnType<typeof useAgentStreamStore>;

function usePart<T>(select: (state: AgentState) => T): T {
  return useAgentSelector(useAgentStreamStore(undefined, 'MessageList'), select);
}

// Each part selects only what it shows, so a settled message stays still while the next one streams.
function ThinkingPart({ id }: { id: string }) {
  const status = usePart(useCallback((s: AgentState) => s.thinking.byId[id]?.status ?? null, [id]));
  if (status === null) return null;
  return (
    <div data-part="thinking" data-status={status}>
      <span data-part="name">Thinking</span> <span data-part="status">{status}</span>
    </div>
  );
}

function ToolPart({ id }: { id: string }) {
  const call = usePart(useCallback((s: AgentState) => s.toolCalls.byId[id] ?? null, [id]));
  if (call === null) return null;
  return (
    <div data-part="tool" data-status={call.status}>
      <span data-part="name">{call.name}</span> <span data-part="status">{call.status}</span>
    </div>
  );
}

function ErrorPart({ index }: { index: number }) {
  const error = usePart(useCallback((s: AgentState) => s.errors[index] ?? null, [index]));
  return error === null ? null : <div data-part="error">{error.message}</div>;
}

function CreationPart({ index }: { index: number }) {
  const creation = usePart(useCallback((s: AgentState) => s.creations[index] ?? null, [index]));
  if (creation === null) return null;
  return (
    <div data-part="creation">
      <span data-part="name">{creation.creationType}</span>
      {creation.count === null ? null : <> <span data-part="count">{creation.count}</span></>}
    </div>
  );
}

function TurnPart({ index }: { index: number }) {
  const turn = usePart(useCallback((s: AgentState) => s.turns[index] ?? null, [index]));
  return turn === null ? null : <hr data-part="turn" data-turn={turn.turnNumber ?? undefined} />;
}

function DefaultPart({ part, message, index }: { part: TimelineItem; message: Message; index: number }) {
  switch (part.kind) {
    case 'text':
      return <div data-part="text">{textOfPart(message, index)}</div>;
    case 'thinking':
      return <ThinkingPart id={part.id} />;
    case 'tool':
      return <ToolPart id={part.id} />;
    case 'error':
      return part.index === undefined ? null : <ErrorPart index={part.index} />;
    case 'creation':
      return part.index === undefined ? null : <CreationPart index={part.index} />;
    case 'turn':
      return part.index === undefined ? null : <TurnPart index={part.index} />;
    case 'custom':
      return null;
  }
}

interface ItemProps {
  message: Message;
  label: string;
  render: ((message: Message) => ReactNode) | undefined;
  renderPart: RenderMessagePart | undefined;
}

/**
 * Memoised on the message object: a settled message keeps its identity in the store, so while
 * tokens stream into the last message the earlier items are skipped entirely.
 */
const MessageItem = memo(function MessageItem({ message, label, render, renderPart }: ItemProps) {
  const content = render
    ? render(message)
    : message.parts.map((part, index) => {
        const custom = renderPart?.(part, message, index);
        return (
          <Fragment key={`${part.kind}:${part.id}`}>
            {custom === undefined ? <DefaultPart part={part} message={message} index={index} /> : custom}
          </Fragment>
        );
      });
  return (
    <MessageContext.Provider value={message}>
      <article data-role={message.role} data-status={message.status} aria-label={label} aria-busy={message.status === 'streaming'}>
        {content}
      </article>
    </MessageContext.Provider>
  );
});

/** Hides the announcer visually but not from screen readers (the technique of Radix's VisuallyHidden). */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

const selectEntities = (s: AgentState): Entities<Message> => s.messages;

/**
 * The polite live region: it receives an assistant message's whole text once the message settles,
 * never token by token (a screen reader would otherwise read fragments over each other). Messages
 * already settled when it mounts (history, a hydrated page) are not announced.
 */
function Announcer({ store }: { store: Store }) {
  const messages = useAgentSelector(store, selectEntities);
  const [said, setSaid] = useState<{ id: string; text: string } | null>(null);
  const streaming = useRef<Set<string> | null>(null);
  useEffect(() => {
    const { ids, byId } = messages;
    const open = new Set<string>();
    // Only the tail can be streaming (one run at a time), so this stays O(1) per publish.
    for (let i = ids.length - 1; i >= 0; i--) {
      const message = byId[ids[i] as string];
      if (message?.status === 'streaming') open.add(message.id);
      else if (message?.role === 'assistant') break;
    }
    let settled: Message | null = null;
    for (const id of streaming.current ?? []) {
      const message = byId[id];
      if (!open.has(id) && message?.role === 'assistant') settled = message;
    }
    streaming.current = open;
    if (settled) setSaid({ id: settled.id, text: settled.text });
  }, [messages]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-announcer="" style={VISUALLY_HIDDEN}>
      {said ? <span key={said.id}>{said.text}</span> : null}
    </div>
  );
}

/** True when the latest assistant message streams; only the tail can, so this is O(1) per render. */
function isStreaming(messages: readonly Message[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    if (message.role === 'assistant') return message.status === 'streaming';
  }
  return false;
}

const DEFAULT_LABELS = { user: 'You', assistant: 'Assistant' };

/**
 * The conversation: each message as an `<article>` in order, its parts interleaved as they arrived.
 * The region is a `role="log"` with live announcements turned off, because a live log would read
 * every token as it lands; a visually hidden polite status inside it announces each assistant
 * reply once it has settled, and a streaming message is `aria-busy`. It re-renders while text
 * streams (it shows text), but only the streaming message's item does: settled items are memoised.
 *
 * Data attributes: `[data-state="empty" | "streaming" | "settled"]` on the log; on each article
 * `[data-role="user" | "assistant"]` and `[data-status="streaming" | "complete" | "interrupted" | "error"]`;
 * on default parts `[data-part="text" | "thinking" | "tool" | "error" | "creation" | "turn"]`, with
 * `[data-status]` on thinking and tool parts; `[data-announcer]` on the live region.
 *
 * @example
 * <MessageList renderPart={(part) => (part.kind === 'tool' ? <ToolCall.Root id={part.id} /> : undefined)} />
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
  { stream, children, renderPart, roleLabels = DEFAULT_LABELS, ...props },
  ref,
) {
  const handle = useAgentStreamHandle(stream, 'MessageList');
  const messages = useAgentSelector(handle.store, selectMessages);
  const state = messages.length === 0 ? 'empty' : isStreaming(messages) ? 'streaming' : 'settled';
  return (
    <div role="log" aria-label="Conversation" aria-live="off" data-state={state} {...props} ref={ref}>
      {/* Parts find the stream here even when it came as a prop. */}
      <AgentStreamProvider value={handle}>
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} label={roleLabels[message.role]} render={children} renderPart={renderPart} />
        ))}
        <Announcer store={handle.store} />
      </AgentStreamProvider>
    </div>
  );
});
