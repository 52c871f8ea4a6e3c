import { forwardRef, Fragment, memo, useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { selectMessages, textOfPart } from '../../core/selectors';
import type { AgentStreamError } from '../../core/errors';
import type { AgentState, Creation, Entities, Message, TimelineItem, ToolCall, Turn } from '../../core/state';
import { AgentStreamProvider, useAgentStreamHandle, useStreamSlice, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';
import { MessageContext } from './message-text';
import { VISUALLY_HIDDEN } from './visually-hidden';

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

/**
 * What a part shows, selected as narrowly as it can be (a thinking block's status, not its
 * text), so a part re-renders only when that changes; a settled message stays still meanwhile.
 */
function selectPart({ kind, id, index = -1 }: TimelineItem, s: AgentState): unknown {
  if (kind === 'thinking') return s.thinking.byId[id]?.status;
  if (kind === 'tool') return s.toolCalls.byId[id];
  return kind === 'error' ? s.errors[index] : kind === 'creation' ? s.creations[index] : kind === 'turn' ? s.turns[index] : undefined;
}

function DefaultPart({ part, message, index }: { part: TimelineItem; message: Message; index: number }) {
  const { kind } = part;
  const value = useStreamSlice(undefined, 'MessageList', (s) => selectPart(part, s), [part]);
  if (kind === 'text') return <div data-part="text">{textOfPart(message, index)}</div>;
  if (!value) return null;
  if (kind === 'turn') return <hr data-part="turn" data-turn={(value as Turn).turnNumber ?? undefined} />;
  if (kind === 'error') return <div data-part="error">{(value as AgentStreamError).message}</div>;
  // A name, then the status (thinking, tool) or the count (creation).
  const { name, status, creationType, count } = value as Partial<ToolCall & Creation>;
  const [label, detail] = kind === 'thinking' ? ['Thinking', value as string] : kind === 'tool' ? [name, status] : [creationType, count];
  const isCount = kind === 'creation';
  return (
    <div data-part={kind} data-status={isCount ? undefined : detail}>
      <span data-part="name">{label}</span>
      {detail === null ? null : (
        <>
          {' '}
          <span data-part={isCount ? 'count' : 'status'}>{detail}</span>
        </>
      )}
    </div>
  );
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
const MessageItem = /* @__PURE__ */ memo(function MessageItem({ message, label, render, renderPart }: ItemProps) {
  return (
    <MessageContext.Provider value={message}>
      <article data-role={message.role} data-status={message.status} aria-label={label} aria-busy={message.status === 'streaming'}>
        {render
          ? render(message)
          : message.parts.map((part, index) => {
              const custom = renderPart?.(part, message, index);
              return (
                <Fragment key={`${part.kind}:${part.id}`}>
                  {custom === undefined ? <DefaultPart part={part} message={message} index={index} /> : custom}
                </Fragment>
              );
            })}
      </article>
    </MessageContext.Provider>
  );
});

const selectEntities = (s: AgentState): Entities<Message> => s.messages;

/** The latest assistant message: the only one that can be streaming (one run at a time); O(1) from the tail. */
function latestReply({ ids, byId }: Entities<Message>): Message | undefined {
  for (let i = ids.length - 1; i >= 0; i--) {
    const message = byId[ids[i] as string] as Message;
    if (message.role === 'assistant') return message;
  }
  return undefined;
}

/**
 * The polite live region: it receives an assistant message's whole text once the message settles,
 * never token by token (a screen reader would otherwise read fragments over each other). Messages
 * already settled when it mounts (history, a hydrated page) are not announced.
 */
function Announcer({ messages }: { messages: Entities<Message> }) {
  const [said, setSaid] = useState<Message>();
  const streaming = useRef<string>(undefined);
  useEffect(() => {
    const settled = streaming.current === undefined ? undefined : messages.byId[streaming.current];
    if (settled && settled.status !== 'streaming') setSaid(settled);
    const reply = latestReply(messages);
    streaming.current = reply?.status === 'streaming' ? reply.id : undefined;
  }, [messages]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-announcer="" style={VISUALLY_HIDDEN}>
      {said ? <span key={said.id}>{said.text}</span> : null}
    </div>
  );
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
export const MessageList = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
  { stream, children, renderPart, roleLabels = DEFAULT_LABELS, ...props },
  ref,
) {
  const handle = useAgentStreamHandle(stream, 'MessageList');
  const entities = useAgentSelector(handle.store, selectEntities);
  const messages = useAgentSelector(handle.store, selectMessages);
  const state = messages.length === 0 ? 'empty' : latestReply(entities)?.status === 'streaming' ? 'streaming' : 'settled';
  return (
    <div role="log" aria-label="Conversation" aria-live="off" data-state={state} {...props} ref={ref}>
      {/* Parts find the stream here even when it came as a prop. */}
      <AgentStreamProvider value={handle}>
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} label={roleLabels[message.role]} render={children} renderPart={renderPart} />
        ))}
        <Announcer messages={entities} />
      </AgentStreamProvider>
    </div>
  );
});
