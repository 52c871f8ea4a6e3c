import { createContext, forwardRef, useCallback, useContext, type HTMLAttributes, type ReactNode } from 'react';
import type { AgentState, Message, MessageStatus } from '../../core/state';
import { useAgentStreamStore, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';

/** The message of the enclosing `MessageList` item, for parts such as {@link MessageText}. */
export const MessageContext = createContext<Message | null>(null);

/** What {@link MessageText}'s render prop receives. */
export interface MessageTextRenderState {
  /** The message. */
  message: Message;
  /** All its text so far. */
  text: string;
  /** Its status, also `[data-status]` on the element. */
  status: MessageStatus;
  /** True while text may still arrive, also `aria-busy` on the element. */
  isStreaming: boolean;
}

/** Props of {@link MessageText}. */
export interface MessageTextProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The message to show; takes precedence over `messageId`. */
  message?: Message;
  /** The id of a message to read from the stream, live. @default the enclosing `MessageList` item's message */
  messageId?: string;
  /** The stream to read `messageId` from. @default the nearest `AgentStreamProvider`'s */
  stream?: AgentStreamHandle;
  /** Renders the content yourself; whatever you return, render agent text as text. @default the message's text */
  children?: (state: MessageTextRenderState) => ReactNode;
}

type ViewProps = Omit<MessageTextProps, 'message' | 'messageId' | 'stream'> & { message: Message };

const MessageTextView = forwardRef<HTMLDivElement, ViewProps>(function MessageTextView({ message, children, ...props }, ref) {
  const isStreaming = message.status === 'streaming';
  // Agent text goes in as a text node, never as markup: `<img onerror>` in a token stays letters.
  const content = children ? children({ message, text: message.text, status: message.status, isStreaming }) : message.text;
  return (
    <div data-status={message.status} aria-busy={isStreaming} {...props} ref={ref}>
      {content}
    </div>
  );
});

type ViewPropsWithoutMessage = Omit<ViewProps, 'message'>;

type ByIdProps = Omit<MessageTextProps, 'message' | 'messageId'> & { messageId: string };

const MessageTextById = forwardRef<HTMLDivElement, ByIdProps>(function MessageTextById({ messageId, stream, ...props }, ref) {
  const store = useAgentStreamStore(stream, 'MessageText');
  const message = useAgentSelector(store, useCallback((s: AgentState) => s.messages.byId[messageId] ?? null, [messageId]));
  return message ? <MessageTextView {...props} message={message} ref={ref} /> : null;
});

const MessageTextInItem = forwardRef<HTMLDivElement, ViewPropsWithoutMessage>(function MessageTextInItem(props, ref) {
  const message = useContext(MessageContext);
  if (!message) throw new Error('`MessageText` must be used within `MessageList` (or given a `message` or `messageId`)');
  return <MessageTextView {...props} message={message} ref={ref} />;
});

/**
 * One message's text as plain text in a `<div>`: the `message` given, the message `messageId` names
 * (followed live; nothing renders until it exists), or the enclosing `MessageList` item's. It is
 * `aria-busy` while the message streams, so assistive technology can wait for the whole text.
 *
 * Data attributes: `[data-status="streaming" | "complete" | "interrupted" | "error"]`.
 *
 * @example
 * <MessageList>{(message) => <MessageText message={message} />}</MessageList>
 */
export const MessageText = forwardRef<HTMLDivElement, MessageTextProps>(function MessageText(
  { message, messageId, stream, ...props },
  ref,
) {
  if (message) return <MessageTextView {...props} message={message} ref={ref} />;
  if (messageId !== undefined) return <MessageTextById {...props} messageId={messageId} stream={stream} ref={ref} />;
  return <MessageTextInItem {...props} ref={ref} />;
});
